import { issueToken, type TokenSettings } from '#platform/auth/tokens';
import { HAL_FORMS } from '#platform/http/hal-forms';
import type { Editor } from './session.ts';

export type ServiceName = 'catalogue' | 'guidance' | 'licencing' | 'availability' | 'gateway';

/** One answer from a service: status, ETag, and the parsed JSON body (HAL, HAL-FORMS or a problem). */
export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly etag: string | undefined;
  readonly body: T | undefined;
  readonly headers: Headers;
}

export interface UpstreamOptions {
  /** Where each service is served, e.g. `{ catalogue: 'http://catalogue:3000', ... }`. */
  readonly origins: Readonly<Record<ServiceName, string>>;
  readonly auth: TokenSettings;
  readonly timeoutMs?: number;
}

/** The service a root-relative path belongs to: its first segment (`/vod/...` is the gateway). */
export const serviceOf = (path: string): ServiceName | undefined => {
  const first = /^\/([a-z]+)/.exec(path)?.[1];
  if (first === 'vod') return 'gateway';
  return first === 'catalogue' || first === 'guidance' || first === 'licencing' || first === 'availability' ? first : undefined;
};

/**
 * The desk reaches the services over HTTP only, like the gateway. Reads ask for HAL-FORMS, so
 * forms come from the services' own templates; writes carry a short-lived token minted for the
 * signed-in editor alone (their `sub` and the roles their identity provider gave them), never a
 * shared one.
 */
export const createUpstream = ({ origins, auth, timeoutMs = 5000 }: UpstreamOptions) => {
  const call = async <T>(path: string, init: RequestInit & { accept?: string } = {}): Promise<Answer<T>> => {
    const service = serviceOf(path);
    if (!service) throw new Error(`no service serves ${path}`);
    const response = await fetch(`${origins[service]}${path}`, {
      ...init,
      headers: {
        accept: init.accept ?? `${HAL_FORMS}, application/hal+json;q=0.9, application/problem+json;q=0.8`,
        ...(init.headers as Record<string, string>),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: T | undefined;
    try {
      body = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, etag: response.headers.get('etag') ?? undefined, body, headers: response.headers };
  };
  return {
    get: <T = Record<string, unknown>>(path: string, accept?: string) => call<T>(path, accept ? { accept } : {}),
    /** Sends a command as `editor`, with the headers the command needs (If-Match, Idempotency-Key). */
    async send<T = Record<string, unknown>>(
      editor: Editor,
      method: string,
      path: string,
      body: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer<T>> {
      const token = await issueToken(auth, editor.roles, editor.sub, '5m');
      return call<T>(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
  };
};

export type Upstream = ReturnType<typeof createUpstream>;
