import NodeCache from 'node-cache';

/** One cached upstream answer. Shared by reference between requests: never mutate it. */
export interface CachedPart {
  readonly status: number;
  readonly body: unknown;
  readonly etag: string | undefined;
  /** Until when (epoch ms) it may be used without asking the upstream. */
  readonly freshUntil: number;
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
 * The gateway's cache of domain parts, keyed by upstream and path. `useClones: false` because a
 * clone per hit costs as much as a request (DESIGN.md); entries are immutable instead. node-cache
 * drops an entry when even its stale-if-error window is over; freshness is checked by the caller.
 */
export const createPartCache = (maxKeys = 50_000) => {
  const cache = new NodeCache({ useClones: false, maxKeys, checkperiod: 60 });
  return {
    get: (key: string): CachedPart | undefined => cache.get<CachedPart>(key),
    set(key: string, part: CachedPart, now: number): void {
      const ttl = Math.ceil((part.staleUntil - now) / 1000);
      if (ttl <= 0) return;
      try {
        cache.set(key, part, ttl);
      } catch {
        cache.flushAll();
      }
    },
    delete: (key: string) => cache.del(key),
    close: () => cache.close(),
    stats: () => cache.getStats(),
  };
};

export type PartCache = ReturnType<typeof createPartCache>;
