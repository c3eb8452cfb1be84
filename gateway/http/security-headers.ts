import type { Context, Next } from 'koa';
import { PAGE_STYLE_SOURCE } from '#platform/http/html';

/**
 * Headers that suit an API read by TV apps and the odd browser. The JSON is loaded from app
 * origins (Tizen, webOS and HbbTV apps run from their own or `file:` origins), so
 * Cross-Origin-Resource-Policy is `cross-origin` and CORS decides who may read; everything else
 * is locked down: no sniffing, no framing, no referrer, a CSP allowing no script and no
 * image, only the platform's page style, and forms (the pages' GET forms of link templates) to
 * this origin only, and HSTS for when it is served over TLS.
 */
export const securityHeaders = async (ctx: Context, next: Next) => {
  ctx.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Content-Security-Policy': `default-src 'none'; style-src ${PAGE_STYLE_SOURCE}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'Strict-Transport-Security': 'max-age=31536000',
  });
  await next();
};
