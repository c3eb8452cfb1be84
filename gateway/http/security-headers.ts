import type { Context, Next } from 'koa';
import { HTML_STYLE_HASH } from '../views/html-view.ts';

/**
 * Headers that suit an API read by TV apps and the odd browser. The JSON is loaded from app
 * origins (Tizen, webOS and HbbTV apps run from their own or `file:` origins), so
 * Cross-Origin-Resource-Policy is `cross-origin` and CORS decides who may read; everything else
 * is locked down: no sniffing, no framing, no referrer, a CSP that allows only the HTML page's
 * own style, and HSTS for when it is served over TLS.
 */
export const securityHeaders = async (ctx: Context, next: Next) => {
  ctx.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Content-Security-Policy': `default-src 'none'; style-src ${HTML_STYLE_HASH}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    'Strict-Transport-Security': 'max-age=31536000',
  });
  await next();
};
