import type { Context, Next } from 'koa';
import { HttpProblem } from '../../platform/http/problem.ts';

export interface RateLimitOptions {
  /** Requests per key per minute; 0 turns limiting off. */
  readonly perMinute: number;
  readonly now?: () => number;
  /** Bound on the keys tracked in one window, so a flood of addresses cannot grow memory. */
  readonly maxKeys?: number;
}

const CLIENT_KEY = /^[A-Za-z0-9._-]{8,64}$/;

/** The key a request is counted under: its well-formed `X-Client-Key`, else its address. */
export const clientKey = (ctx: Context): string => {
  const key = ctx.get('X-Client-Key');
  return CLIENT_KEY.test(key) ? `key:${key}` : `ip:${ctx.ip}`;
};

/**
 * A fixed one-minute window per client key or address: cheap (one Map, reset each window)
 * and good enough to stop one app or household from starving the rest. Over the limit is a 429
 * problem with `Retry-After` saying when the window turns. Many devices share a household's
 * address, which is why a TV app's own key is preferred when it sends one.
 */
export const rateLimit = ({ perMinute, now = Date.now, maxKeys = 100_000 }: RateLimitOptions) => {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (ctx: Context, next: Next) => {
    if (perMinute <= 0 || ctx.method === 'OPTIONS') return next();
    const at = now();
    if (at - windowStart >= 60_000) {
      windowStart = at - (at % 60_000);
      counts = new Map();
    }
    const key = clientKey(ctx);
    const seen = counts.get(key);
    const used = seen === undefined && counts.size >= maxKeys ? perMinute + 1 : (seen ?? 0) + 1;
    if (used <= perMinute) counts.set(key, used);
    ctx.set('RateLimit-Policy', `${perMinute};w=60`);
    if (used > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + 60_000 - at) / 1000));
      throw new HttpProblem(429, 'Too Many Requests', `At most ${perMinute} requests a minute per client; try again in ${retryAfter} s.`, {}, { 'Retry-After': String(retryAfter) });
    }
    await next();
  };
};
