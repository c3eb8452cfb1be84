import type { Context } from 'koa';
import { contentETag, noneMatchHits } from '#platform/http/conditional';
import { SURROGATE_KEY_HEADER, surrogateKeyHeader, wantsSurrogateKeys } from '#platform/http/surrogate-keys';
import type { HalResource } from '#platform/http/hal';
import { halHtmlPage } from '#platform/http/hal-html';
import type { NavLink } from '#platform/http/page-nav';
import type { Validity } from '../compose/parts.ts';
import { DEPRECATED, VERSIONS_PATH, type Chosen } from '../negotiation/media-types.ts';

/**
 * A representation serialised and encoded once, with its ETag, its surrogate keys (the `xkey`
 * header, empty when it names none) and how long it stays valid: a kept answer is sent as it is,
 * with no per-request encoding, hashing or key checks.
 */
export interface Rendered {
  readonly chosen: Chosen;
  readonly body: Buffer;
  readonly etag: string;
  readonly surrogateKeys: string;
  readonly validity: Validity;
}

/**
 * Cache-Control for a composed answer. Complete: public for as long as its shortest-lived part
 * (availability's answer included) is still fresh, never longer; at the edge, which the events
 * purge by the answer's keys, as long as the narrowest grant of its parts. Incomplete: `no-store`, so that
 * a degraded answer is never kept as if it were whole. Built from stale parts: `no-cache`.
 */
export const composedCacheControl = (validity: Validity, now: number): string => {
  if (validity.incomplete) return 'no-store';
  if (validity.stale) return 'no-cache';
  const seconds = (until: number) => Math.max(0, Math.floor((until - now) / 1000));
  const { edge } = validity;
  return `public, max-age=${seconds(validity.freshUntil)}, s-maxage=${seconds(edge.until)}, stale-while-revalidate=${edge.staleWhileRevalidate}, stale-if-error=${edge.staleIfError}`;
};

/**
 * Serialises a view in the negotiated representation and hashes the bytes that will be sent.
 * HTML is the platform's one HAL page renderer (the services' pages too), for the resource at
 * `path`, with the header `nav` of this process (`pageNavOf(ctx)`).
 */
export const renderView = (chosen: Chosen, resource: HalResource, path: string, validity: Validity, nav: readonly NavLink[]): Rendered => {
  const text = chosen.kind === 'html' ? halHtmlPage(path, resource, undefined, nav) : JSON.stringify(resource);
  const surrogateKeys = !validity.incomplete && !validity.stale ? surrogateKeyHeader(validity.keys) : '';
  return { chosen, body: Buffer.from(text), etag: contentETag(`${chosen.contentType}\n${text}`), surrogateKeys, validity };
};

/**
 * Sends a rendered view: the exact versioned Content-Type (or HTML), `Vary: Accept`, its ETag
 * (304 for a matching If-None-Match), and `Deprecation`/`Sunset` (RFC 9745, RFC 8594) plus a
 * deprecation link for a retiring version.
 */
export const sendRendered = (ctx: Context, { chosen, body, etag, surrogateKeys, validity }: Rendered): void => {
  ctx.vary('Accept');
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', composedCacheControl(validity, Date.now()));
  if (surrogateKeys && wantsSurrogateKeys(ctx)) ctx.set(SURROGATE_KEY_HEADER, surrogateKeys);
  const retiring = chosen.kind === 'json' ? DEPRECATED[chosen.version] : undefined;
  if (retiring) {
    ctx.set('Deprecation', `@${Math.floor(retiring.since.getTime() / 1000)}`);
    ctx.set('Sunset', retiring.sunset.toUTCString());
    ctx.set('Link', `<${VERSIONS_PATH}>; rel="deprecation"`);
  }
  if (noneMatchHits(ctx.get('If-None-Match') || undefined, etag)) {
    ctx.status = 304;
    return;
  }
  ctx.status = 200;
  ctx.body = body;
  ctx.set('Content-Type', chosen.contentType);
};
