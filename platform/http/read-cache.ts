import { createCache } from '../cache/cache.ts';

/**
 * A service's read cache. Values are shared, not cloned, so callers must treat them as
 * immutable. The service clears it on each of its own commits, so a read after a write never
 * sees the old state. When full, the least recently used read leaves (it used to empty the whole
 * cache).
 */
export const createReadCache = <V>(ttlSeconds = 30, maxKeys = 10_000) => {
  // Boxed, so that a load answering null (nothing there) is kept like any answer; undefined is not kept.
  const cache = createCache<{ readonly value: V }>({ max: maxKeys, ttlMs: ttlSeconds * 1000 });
  let generation = 0;
  const counts = { hits: 0, misses: 0 };
  return {
    async get(key: string, load: () => Promise<V>): Promise<V> {
      const hit = cache.get(key);
      if (hit !== undefined) {
        counts.hits += 1;
        return hit.value;
      }
      counts.misses += 1;
      const started = generation;
      const value = await load();
      // A write that committed while we loaded may have made `value` stale: do not keep it.
      if (started === generation && value !== undefined) cache.set(key, { value });
      return value;
    },
    clear(): void {
      generation += 1;
      cache.clear();
    },
    /** Hits and misses since start (for GET /metrics) and the keys held now. */
    stats: () => ({ ...counts, keys: cache.size }),
  };
};

export type ReadCache<V> = ReturnType<typeof createReadCache<V>>;
