import type { Context } from 'koa';
import type { HalResource } from './hal.ts';

/**
 * The response header that names what an answer was made from, space-separated: Varnish's
 * xkey vmod indexes it, so that a purge by one key drops every cached answer naming it, and the
 * edge VCL strips it before any client sees it (docs/runbook.md, "Edge cache").
 */
export const SURROGATE_KEY_HEADER = 'xkey';

/**
 * The request header by which a surrogate (the edge Varnish, or the gateway asking its upstreams)
 * says it takes surrogate keys, as in the W3C Edge Architecture Specification: only then does an
 * answer carry them. A client talking to the platform directly (the embedded `npm start`, or the
 * services with no edge in front) never asks, so it never sees the internal header.
 */
export const SURROGATE_CAPABILITY_HEADER = 'surrogate-capability';
/** What the edge VCL and the gateway's upstream client send in SURROGATE_CAPABILITY_HEADER. */
export const SURROGATE_CAPABILITY = 'vod-edge="xkey/1"';

/** Whether this request came from a surrogate that indexes surrogate keys. */
export const wantsSurrogateKeys = (ctx: Context): boolean => /(^|[\s,;="])xkey\//i.test(ctx.get(SURROGATE_CAPABILITY_HEADER));

/**
 * A key is the root-relative href of the resource it stands for (`/catalogue/episodes/123456`,
 * `/licencing/licences?episode=123456`, `/availability/episodes?platform=ios`): the vocabulary
 * is the platform's own links, so a key needs no table to be read, and the events' `subject`
 * is already one. Keys hold no whitespace or comma (xkey's separators).
 */
const KEY = /^\/[^\s,]{1,300}$/;

/** Whether `key` can be a surrogate key (a root-relative href with no whitespace or comma, at most 300 characters). */
export const isSurrogateKey = (key: string): boolean => KEY.test(key);

/**
 * Says what a cacheable answer depends on, to a surrogate that asked (wantsSurrogateKeys). Every
 * service and the gateway calls this one helper (through sendRepresentation, or directly); keys
 * already set on the response are kept, so a route can add to what a shared sender stated.
 * Malformed keys are a programming error, whoever asked.
 */
export const setSurrogateKeys = (ctx: Context, keys: Iterable<string>): void => {
  const all = new Set(readSurrogateKeys(ctx.response.get(SURROGATE_KEY_HEADER)));
  for (const key of keys) {
    if (!isSurrogateKey(key)) throw new Error(`not a surrogate key: ${JSON.stringify(key)}`);
    all.add(key);
  }
  if (all.size > 0 && wantsSurrogateKeys(ctx)) ctx.set(SURROGATE_KEY_HEADER, [...all].join(' '));
};

/**
 * The header value naming `keys`, checked and joined once: for an answer kept and sent many
 * times (the gateway's memo), where setSurrogateKeys would check every key on every request.
 */
export const surrogateKeyHeader = (keys: Iterable<string>): string => {
  const all = [...new Set(keys)];
  for (const key of all) if (!isSurrogateKey(key)) throw new Error(`not a surrogate key: ${JSON.stringify(key)}`);
  return all.join(' ');
};

/** The keys of a received `xkey` header (the gateway unions its parts' keys with this). */
export const readSurrogateKeys = (header: string | readonly string[] | undefined): string[] => {
  const text = Array.isArray(header) ? header.join(' ') : ((header as string | undefined) ?? '');
  return text.split(/[\s,]+/).filter((key) => key.length > 0);
};

/** A resource's key is its path: query parameters (`?platform=ios`) narrow a view of it, they do not make another resource. */
export const pathKey = (href: string): string => href.split('?')[0]!;

/**
 * The keys of every resource a HAL answer embeds (their self paths): a list names each item it
 * holds, so that a change to one item purges every cached list that held it.
 */
export const embeddedKeys = (resource: unknown): string[] => {
  const embedded = (resource as Partial<HalResource> | undefined)?._embedded ?? {};
  return Object.values(embedded).flatMap((items) =>
    items.flatMap((item) => {
      const self = item._links?.self;
      return self && !Array.isArray(self) ? [pathKey(self.href)] : [];
    }),
  );
};
