import type { EdgeGrant } from '../upstream/part-cache.ts';
import type { Fetched } from '../upstream/upstream-client.ts';
import { UpstreamError } from '../upstream/upstream-error.ts';
import { parseOnce } from './upstream-shapes.ts';
import type { z } from 'zod';

/**
 * One domain part of a production: known (possibly stale, served during an upstream error),
 * known to be absent (a 404: e.g. an episode with no guidance), or unknown because its upstream
 * failed. Unknown parts are said out loud in the response instead of silently dropped.
 */
export type Part<T> =
  | { readonly state: 'known'; readonly value: T; readonly stale: boolean }
  | { readonly state: 'absent' }
  | { readonly state: 'unknown'; readonly reason: string };

/**
 * How long a composed answer may be reused: its shortest-lived part, and whether any was
 * degraded; at the edge, the narrowest grant of its parts, and the union of their keys.
 */
export interface Validity {
  freshUntil: number;
  /** The earliest expiry its upstreams granted (their `max-age`, not the gateway's reuse bound). */
  grantedUntil: number;
  /** The earliest end of its parts' `stale-if-error` grants: how long an answer built from stale parts may be served. */
  staleUntil: number;
  incomplete: boolean;
  stale: boolean;
  edge: EdgeGrant;
  readonly keys: Set<string>;
  /** The upstreams of the parts that could not be read: what an incomplete answer is missing. */
  readonly missing: Set<string>;
}

/** The validity of an answer built on `first` (availability's), before any part is read. */
export const validityOf = (first: Fetched): Validity => {
  const validity: Validity = {
    freshUntil: first.freshUntil,
    grantedUntil: first.grantedUntil,
    staleUntil: first.staleUntil,
    incomplete: false,
    stale: false,
    edge: first.edge,
    keys: new Set(),
    missing: new Set(),
  };
  narrow(validity, first);
  return validity;
};

/**
 * Narrows a composed answer's validity by one thing it was built from. A part found absent (a
 * 404, which names no keys and grants the edge nothing) leaves the edge grant alone: every
 * event that could make it appear is about its episode, and purges the answer by the episode's
 * availability key, which availability's answer already gave it.
 */
const narrow = (validity: Validity, fetched: Fetched): void => {
  validity.freshUntil = Math.min(validity.freshUntil, fetched.freshUntil);
  validity.grantedUntil = Math.min(validity.grantedUntil, fetched.grantedUntil);
  validity.staleUntil = Math.min(validity.staleUntil, fetched.staleUntil);
  if (fetched.stale) validity.stale = true;
  if (fetched.status === 404) return;
  const { edge } = validity;
  validity.edge = {
    until: Math.min(edge.until, fetched.edge.until),
    staleWhileRevalidate: Math.min(edge.staleWhileRevalidate, fetched.edge.staleWhileRevalidate),
    staleIfError: Math.min(edge.staleIfError, fetched.edge.staleIfError),
  };
  for (const key of fetched.keys) validity.keys.add(key);
};

/**
 * Follows one link and turns the outcome into a Part, narrowing `validity` as it goes. An
 * upstream error, an unfollowable link or a body that does not fit the shape is an unknown part.
 */
export const readPart = async <S extends z.ZodType>(
  follow: (href: string) => Promise<Fetched>,
  href: string | undefined,
  schema: S,
  validity: Validity,
): Promise<Part<z.output<S>>> => {
  if (!href) return { state: 'absent' };
  try {
    const fetched = await follow(href);
    narrow(validity, fetched);
    if (fetched.status === 404) return { state: 'absent' };
    const value = fetched.status === 200 ? parseOnce(schema, fetched.body) : undefined;
    if (value === undefined) throw new UpstreamError(href, 'bad-body');
    return { state: 'known', value, stale: fetched.stale };
  } catch (error) {
    validity.incomplete = true;
    validity.missing.add(/^\/([a-z]+)/.exec(href)?.[1] ?? 'link');
    return { state: 'unknown', reason: error instanceof UpstreamError ? error.failure : 'unfollowable' };
  }
};
