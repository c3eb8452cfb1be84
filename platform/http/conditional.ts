import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { preconditionFailed, preconditionRequired } from './problem.ts';
import { setSurrogateKeys } from './surrogate-keys.ts';

/** A resource's strong ETag is its version, quoted: `"7"`. */
export const versionETag = (version: number): string => `"${version}"`;

/** An ETag for a computed representation (collections, aggregates): a hash of its body. */
export const contentETag = (body: unknown): string =>
  `"${createHash('sha1')
    .update(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body))
    .digest('base64url')
    .slice(0, 22)}"`;

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * Whether an `If-None-Match` header matches `etag` (weak comparison, as RFC 9110 asks for GET).
 * Not koa's `ctx.fresh`: its `fresh` package answers "not fresh" to any request carrying
 * `Cache-Control: no-cache`, and the fetch standard adds exactly that to every request with
 * `If-None-Match` (undici's fetch, browsers' fetch). Tried: with `ctx.fresh` the 304 tests of
 * guidance, the gateway and the HAL views all got 200. An origin server validating is what
 * no-cache asks for (RFC 9111 5.2.1.4), so the 304 is right.
 */
export const noneMatchHits = (header: string | undefined, etag: string): boolean => {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
};

export interface Representation {
  readonly body: unknown;
  readonly etag?: string;
  readonly contentType: string;
  readonly cacheControl?: string;
  /** What the answer was made from, for the edge cache to purge by (see setSurrogateKeys). */
  readonly keys?: Iterable<string>;
}

/**
 * Sends a representation with its ETag and Cache-Control, or, for a GET or HEAD, a bodiless 304
 * when the client's `If-None-Match` already names this ETag. On a write, `If-None-Match: *` is
 * the create-only precondition, already checked: the new representation is always sent.
 * `keys` go out in the surrogate-key header on a 304 too, so the edge re-indexes what it revalidates.
 */
export const sendRepresentation = (ctx: Context, { body, etag, contentType, cacheControl, keys }: Representation): void => {
  const tag = etag ?? contentETag(body);
  ctx.set('ETag', tag);
  if (cacheControl) ctx.set('Cache-Control', cacheControl);
  if (keys) setSurrogateKeys(ctx, keys);
  if ((ctx.method === 'GET' || ctx.method === 'HEAD') && noneMatchHits(ctx.get('If-None-Match') || undefined, tag)) {
    ctx.status = 304;
    return;
  }
  ctx.type = contentType;
  ctx.body = body;
};

/**
 * The version an update expects, from `If-Match`. Missing → 428, so that no editor overwrites a
 * change they never saw; a value that is not one of our ETags can never match → 412. The ETag
 * of the resource's HTML or HAL-FORMS view (`"7-forms"`) names version 7 as well.
 */
export const expectedVersion = (ctx: Context): number => {
  const header = ctx.get('If-Match');
  if (!header) throw preconditionRequired();
  // A view's ETag (HTML or HAL-FORMS, see hal-views.ts) names the same version of the resource.
  const match = /^"(\d{1,15})(?:-html|-forms)?"$/.exec(header.trim());
  if (!match) throw preconditionFailed();
  return Number(match[1]);
};

/** What a PUT that may create or update asks for: create-only, update-at-version, or neither. */
export type WritePrecondition =
  { readonly kind: 'create' } | { readonly kind: 'update'; readonly version: number } | { readonly kind: 'none' };

/** Reads `If-None-Match: *` (create only) or `If-Match` (update at that version). */
export const writePrecondition = (ctx: Context): WritePrecondition => {
  if (ctx.get('If-None-Match').trim() === '*') return { kind: 'create' };
  if (ctx.get('If-Match')) return { kind: 'update', version: expectedVersion(ctx) };
  return { kind: 'none' };
};
