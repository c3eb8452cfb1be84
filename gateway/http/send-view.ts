import type { Context } from 'koa';
import { contentETag, noneMatchHits } from '../../platform/http/conditional.ts';
import type { HalResource } from '../../platform/http/hal.ts';
import type { Validity } from '../compose/parts.ts';
import { DEPRECATED, type Chosen } from '../negotiation/media-types.ts';
import { htmlPage } from '../views/html-view.ts';

/**
 * Cache-Control for a composed answer. Complete: public for as long as its shortest-lived part
 * (availability's answer included) is still fresh, never longer. Incomplete: `no-store`, so that
 * a degraded answer is never kept as if it were whole. Built from stale parts: `no-cache`.
 */
export const composedCacheControl = (validity: Validity, now: number): string => {
  if (validity.incomplete) return 'no-store';
  if (validity.stale) return 'no-cache';
  return `public, max-age=${Math.max(0, Math.floor((validity.freshUntil - now) / 1000))}`;
};

const httpDate = (date: Date) => date.toUTCString();

/**
 * Sends a client view in the negotiated representation: the exact versioned Content-Type (or
 * HTML), `Vary: Accept`, an ETag over the bytes sent (304 for a matching If-None-Match), and
 * `Deprecation`/`Sunset` (RFC 9745, RFC 8594) plus a deprecation link for a retiring version.
 * The JSON is serialised once and hashed as sent.
 */
export const sendView = (ctx: Context, chosen: Chosen, resource: HalResource, heading: string, validity: Validity): void => {
  const body = chosen.kind === 'html' ? htmlPage(heading, resource) : JSON.stringify(resource);
  const etag = contentETag(`${chosen.contentType}\n${body}`);
  ctx.vary('Accept');
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', composedCacheControl(validity, Date.now()));
  if (chosen.kind === 'json') {
    const retiring = DEPRECATED[chosen.version];
    if (retiring) {
      ctx.set('Deprecation', `@${Math.floor(retiring.since.getTime() / 1000)}`);
      ctx.set('Sunset', httpDate(retiring.sunset));
      ctx.set('Link', '</docs/gateway.md#versions>; rel="deprecation"; type="text/markdown"');
    }
  }
  if (noneMatchHits(ctx.get('If-None-Match') || undefined, etag)) {
    ctx.status = 304;
    return;
  }
  ctx.status = 200;
  ctx.body = body;
  ctx.set('Content-Type', chosen.contentType);
};
