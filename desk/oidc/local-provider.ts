import { timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import Provider, { type Configuration } from 'oidc-provider';
import { escapeHtml, htmlDocument, PAGE_HEADERS } from '#platform/http/html';
import { DEMO_EDITORS, DEMO_PASSWORD } from './demo-editors.ts';

export interface LocalProviderOptions {
  /** The issuer URL, e.g. `http://127.0.0.1:3000/oidc`: its path is where the provider is mounted. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  /** Keys that sign the provider's own cookies. */
  readonly cookieKeys: readonly string[];
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const loginPage = (uid: string, prefix: string, error?: string) =>
  htmlDocument(
    "Sign in to the editors' desk",
    `<main><h1>Sign in to the editors' desk</h1><p>The local identity provider of the embedded platform. Demo editors: ${DEMO_EDITORS.map((e) => `<code>${escapeHtml(e.id)}</code> (${escapeHtml(e.roles.join(', '))})`).join(', ')}; the password is <code>${escapeHtml(DEMO_PASSWORD)}</code>.</p>` +
      (error ? `<p class="problem" role="alert">${escapeHtml(error)}</p>` : '') +
      `<form method="post" action="${escapeHtml(prefix)}/interaction/${escapeHtml(uid)}/login"><label>Editor <input name="login" autocomplete="username" required></label><label>Password <input name="password" type="password" autocomplete="current-password" required></label><button type="submit">Sign in</button></form></main>`,
  );

const readForm = async (ctx: Context): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > 8192) ctx.throw(413);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

/**
 * The platform's own OpenID provider (oidc-provider, a certified implementation) for the
 * embedded mode and tests: one confidential client (the desk), the demo editors as accounts,
 * `roles` as a claim of the ID token, consent implied for the desk (a first-party client), and
 * a sign-in page of our own. Mounted under the issuer's path on the platform's own app.
 */
export const createLocalProvider = (options: LocalProviderOptions): Middleware => {
  const prefix = new URL(options.issuer).pathname.replace(/\/$/, '');
  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    cookies: { keys: [...options.cookieKeys] },
    claims: { openid: ['sub'], profile: ['name'], roles: ['roles'] },
    scopes: ['openid', 'profile', 'roles'],
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
    ttl: { Session: 8 * 3600, Interaction: 600, IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60, Grant: 8 * 3600 },
    findAccount: (_ctx, sub) => {
      const editor = DEMO_EDITORS.find((e) => e.id === sub);
      return editor ? { accountId: editor.id, claims: () => ({ sub: editor.id, name: editor.name, roles: [...editor.roles] }) } : undefined;
    },
    // The desk is the platform's own client: signing in grants it what it asked, no consent page.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx as unknown as {
        oidc: { client: { clientId: string }; session: { accountId: string }; provider: Provider; params: { scope?: string } };
      };
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope(oidc.params.scope ?? 'openid');
      grant.addOIDCClaims(['name', 'roles']);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = false;
  const handle = provider.callback();

  return async (ctx, next) => {
    if (!(ctx.path === prefix || ctx.path.startsWith(`${prefix}/`))) return next();
    const interaction = /^\/interaction\/([A-Za-z0-9_-]{1,100})(\/login)?$/.exec(ctx.path.slice(prefix.length));
    if (interaction && ctx.method === 'GET' && !interaction[2]) {
      await provider.interactionDetails(ctx.req, ctx.res);
      ctx.set(PAGE_HEADERS);
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = loginPage(interaction[1]!, prefix);
      return;
    }
    if (interaction && ctx.method === 'POST' && interaction[2]) {
      const form = await readForm(ctx);
      const editor = DEMO_EDITORS.find((e) => e.id === form.get('login'));
      if (!editor || !same(form.get('password') ?? '', DEMO_PASSWORD)) {
        ctx.status = 401;
        ctx.set(PAGE_HEADERS);
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = loginPage(interaction[1]!, prefix, 'Unknown editor or wrong password.');
        return;
      }
      ctx.respond = false;
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: editor.id } }, { mergeWithLastSubmission: false });
      return;
    }
    ctx.respond = false;
    const original = ctx.req.url ?? '/';
    (ctx.req as { originalUrl?: string }).originalUrl = original;
    ctx.req.url = original.slice(prefix.length) || '/';
    await handle(ctx.req, ctx.res);
  };
};
