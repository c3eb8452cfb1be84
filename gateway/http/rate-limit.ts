import type { Context, Next } from 'koa';
import { HttpProblem } from '#platform/http/problem';
import type { ApiKeyVerifier } from './api-keys.ts';

export interface RateLimitOptions {
  /** Requests per address per minute for callers without a valid API key; 0 turns limiting off. */
  readonly perMinute: number;
  /** Requests per key per minute for each client app's keys; an app not listed gets `perMinute`. */
  readonly perApp?: Readonly<Record<string, number>>;
  readonly keys?: ApiKeyVerifier;
  readonly now?: () => number;
  /** Bound on the keys tracked in one window, so a flood of addresses cannot grow memory. */
  readonly maxKeys?: number;
}

/**
 * The identity a request is counted under, and its limit: a valid `X-Api-Key` (issued by an
 * operator, verified against the stored hashes) counts under that key with its app's limit;
 * anything else, an unknown or revoked key included, counts under the caller's address with
 * the anonymous limit. A made-up key therefore buys nothing: rotating keys from one address
 * still shares that address's budget.
 */
export const identify = (
  ctx: Context,
  { perMinute, perApp = {}, keys }: RateLimitOptions,
): { key: string; limit: number; app?: string } => {
  const verified = keys?.verify(ctx.get('X-Api-Key') || undefined);
  if (verified) return { key: `key:${verified.id}`, limit: perApp[verified.app] ?? perMinute, app: verified.app };
  return { key: `ip:${ctx.ip}`, limit: perMinute };
};

/**
 * A fixed one-minute window per identity: cheap (one Map, reset each window) and enough to
 * stop one app or household from starving the rest. Over the limit is a 429 problem with
 * `Retry-After` saying when the window turns.
 */
export const rateLimit = (options: RateLimitOptions) => {
  const { perMinute, now = Date.now, maxKeys = 100_000 } = options;
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (ctx: Context, next: Next) => {
    if (perMinute <= 0 || ctx.method === 'OPTIONS') return next();
    const at = now();
    if (at - windowStart >= 60_000) {
      windowStart = at - (at % 60_000);
      counts = new Map();
    }
    const { key, limit } = identify(ctx, options);
    const seen = counts.get(key);
    const used = seen === undefined && counts.size >= maxKeys ? limit + 1 : (seen ?? 0) + 1;
    if (used <= limit) counts.set(key, used);
    ctx.set('RateLimit-Policy', `${limit};w=60`);
    if (used > limit) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + 60_000 - at) / 1000));
      throw new HttpProblem(
        429,
        'Too Many Requests',
        `At most ${limit} requests a minute for this client; try again in ${retryAfter} s.`,
        {},
        { 'Retry-After': String(retryAfter) },
      );
    }
    await next();
  };
};
