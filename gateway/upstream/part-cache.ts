import { createCache } from '#platform/cache/cache';

/** One cached upstream answer. Shared by reference between requests: never mutate it. */
export interface CachedPart {
  readonly status: number;
  readonly body: unknown;
  readonly etag: string | undefined;
  /** Until when (epoch ms) it may be used without asking the upstream. */
  readonly freshUntil: number;
  /**
   * Until when the upstream allows it to be reused (its `max-age`), past the gateway's own
   * reuse bound: how long an answer built from it may still be served while it is rebuilt.
   */
  readonly grantedUntil: number;
  /** Until when it may still be served when the upstream errors. */
  readonly staleUntil: number;
  /** What it was made from, from the upstream's surrogate-key header: a composed answer names them all. */
  readonly keys: readonly string[];
  /** What the edge may do with an answer built from it (see composedCacheControl). */
  readonly edge: EdgeGrant;
}

/** The edge's allowances for an answer: fresh until `until` (epoch ms), then the stale windows in seconds. */
export interface EdgeGrant {
  readonly until: number;
  readonly staleWhileRevalidate: number;
  readonly staleIfError: number;
}

/**
 * The gateway's cache of domain parts, keyed by upstream and path, held by reference (entries
 * are immutable). An entry leaves when even its stale-if-error window is over, or as the least
 * recently used when the cache is full; freshness is checked by the caller.
 */
export const createPartCache = (maxKeys = 50_000) => {
  const cache = createCache<CachedPart>({ max: maxKeys });
  return {
    get: (key: string): CachedPart | undefined => cache.get(key),
    set(key: string, part: CachedPart, now: number): void {
      const ttlMs = Math.ceil((part.staleUntil - now) / 1000) * 1000;
      if (ttlMs > 0) cache.set(key, part, ttlMs);
    },
    delete: (key: string) => cache.delete(key),
    close: () => cache.clear(),
  };
};

export type PartCache = ReturnType<typeof createPartCache>;
