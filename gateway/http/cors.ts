import type { Context, Next } from 'koa';

const EXPOSED = 'ETag, Deprecation, Sunset, Link, Retry-After, X-Request-Id, X-Trace-Id, Content-Type, RateLimit-Policy';
/** `traceparent`/`tracestate` (W3C trace context) so a browser app's traces continue through the gateway. */
const ALLOWED_HEADERS = 'Accept, If-None-Match, X-Api-Key, X-Client-Key, X-Request-Id, traceparent, tracestate';

/**
 * CORS for the configured origins (`*` for any, `null` for TV apps served from `file:`). The
 * gateway's reads are public and carry no cookies, so credentials are never allowed. A preflight
 * is answered here; `Vary: Origin` keeps shared caches from mixing answers.
 */
export const cors = (origins: readonly string[]) => {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return async (ctx: Context, next: Next) => {
    const origin = ctx.get('Origin');
    ctx.vary('Origin');
    const permitted = origin !== '' && (any || allowed.has(origin));
    if (permitted) {
      ctx.set('Access-Control-Allow-Origin', any ? '*' : origin);
      ctx.set('Access-Control-Expose-Headers', EXPOSED);
    }
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      if (permitted) {
        ctx.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
        ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        ctx.set('Access-Control-Max-Age', '600');
      }
      ctx.status = 204;
      return;
    }
    await next();
  };
};
