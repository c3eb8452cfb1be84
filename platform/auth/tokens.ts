import { SignJWT, jwtVerify, errors } from 'jose';
import type { Context, Next } from 'koa';
import { HttpProblem } from '../http/problem.ts';

export interface TokenSettings {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
}

/** Who made a request: the token's subject and the roles it grants (`guidance:write` ...). */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly string[];
}

const ALGORITHM = 'HS256';
const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs a token for `roles`; used by `npm run token` and by tests. */
export const issueToken = async (settings: TokenSettings, roles: readonly string[], subject = 'editor', ttl = '8h'): Promise<string> =>
  new SignJWT({ roles: [...roles] })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key(settings.secret));

const unauthorized = (detail: string) =>
  new HttpProblem(401, 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer realm="vod", error="invalid_token"' });

/** How long after its `iat` a token is accepted at most, whatever its `exp` says. */
export const MAX_TOKEN_AGE = '24h';
/** Clock skew tolerated between the issuer and this process, for `iat`, `nbf` and `exp`. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies a bearer token: the algorithm is pinned (no `none`, no RSA/HMAC confusion), and
 * `exp`, `iat`, `iss`, `aud` and `sub` are required. A token issued in the future (beyond the
 * clock tolerance) or more than MAX_TOKEN_AGE ago is refused: jose checks `iat` only when a
 * maximum age is given. Any failure is one 401 that does not say which check failed.
 */
export const verifyToken = async (settings: TokenSettings, authorization: string | undefined): Promise<Principal> => {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) throw unauthorized('Send Authorization: Bearer <token> with an editor token (npm run --silent token -- <role>).');
  try {
    const { payload } = await jwtVerify(match[1]!, key(settings.secret), {
      algorithms: [ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['exp', 'iat', 'iss', 'aud', 'sub'],
      maxTokenAge: MAX_TOKEN_AGE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { subject: payload.sub ?? 'unknown', roles };
  } catch (error) {
    if (error instanceof errors.JOSEError) throw unauthorized('The bearer token is invalid or has expired.');
    throw error;
  }
};

/** The editor a command came from (the verified token's `sub`), for the events it writes; undefined before requireRole. */
export const editorOf = (ctx: Context): string | undefined => (ctx.state.principal as Principal | undefined)?.subject;

/**
 * Koa middleware: 400 for more than one Authorization header (Node keeps only the first, so a
 * proxy and this process could each read a different one), 401 without a valid token, 403 when
 * the token lacks `role`.
 */
export const requireRole = (settings: TokenSettings, role: string) => async (ctx: Context, next: Next) => {
  if ((ctx.req.headersDistinct.authorization?.length ?? 0) > 1) {
    throw new HttpProblem(
      400,
      'Bad Request',
      'Send one Authorization header, not several.',
      {},
      { 'WWW-Authenticate': 'Bearer realm="vod", error="invalid_request"' },
    );
  }
  const principal = await verifyToken(settings, ctx.get('Authorization') || undefined);
  if (!principal.roles.includes(role)) throw new HttpProblem(403, 'Forbidden', `This command needs the role "${role}".`);
  ctx.state.principal = principal;
  await next();
};
