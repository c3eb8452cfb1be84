import * as client from 'openid-client';
import type { Editor } from '../session.ts';

export interface SignInSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly scopes: string;
  /** Where the roles are among the ID token's claims: a name or a dotted path (`realm_access.roles`). */
  readonly rolesClaim: string;
}

const pick = (claims: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), claims);

/**
 * OpenID Connect sign-in with openid-client (a certified relying party): authorization code
 * with PKCE, state and nonce, against any provider found by discovery. The provider's metadata
 * is fetched on first use, so the local provider may start after the desk.
 */
export const createSignIn = (settings: SignInSettings) => {
  let configuration: Promise<client.Configuration> | undefined;
  const configured = () => {
    configuration ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.issuer.startsWith('http://') ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };
  return {
    /** Where to send the browser, and the transaction to keep in the session until it comes back. */
    async start(): Promise<{ url: string; pending: { state: string; nonce: string; verifier: string } }> {
      const config = await configured();
      const verifier = client.randomPKCECodeVerifier();
      const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },
    /** Completes the sign-in from the provider's redirect: the editor and the roles the ID token gives them. */
    async finish(callbackUrl: URL, pending: { state: string; nonce: string; verifier: string }): Promise<Editor> {
      const config = await configured();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const roles = pick(claims, settings.rolesClaim);
      return {
        sub: String(claims.sub),
        name: typeof claims.name === 'string' ? claims.name : String(claims.sub),
        roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
      };
    },
  };
};

export type SignIn = ReturnType<typeof createSignIn>;
