import NodeCache from 'node-cache';

/**
 * A service's read cache. Values are shared, not cloned (`useClones: false`: a clone of a 5 KB
 * value costs as much as a whole request), so callers must treat them as immutable. The service
 * clears it on each of its own commits, so a read after a write never sees the old state.
 */
export const createReadCache = <V>(ttlSeconds = 30, maxKeys = 10_000) => {
  const cache = new NodeCache({ stdTTL: ttlSeconds, useClones: false, maxKeys, checkperiod: 0 });
  let generation = 0;
  // Counted here: node-cache's own stats restart at every flushAll, i.e. at every write.
  const counts = { hits: 0, misses: 0 };
  return {
    async get(key: string, load: () => Promise<V>): Promise<V> {
      const hit = cache.get<V>(key);
      if (hit !== undefined) {
        counts.hits += 1;
        return hit;
      }
      counts.misses += 1;
      const started = generation;
      const value = await load();
      // A write that committed while we loaded may have made `value` stale: do not keep it.
      if (started === generation) {
        try {
          cache.set(key, value);
        } catch {
          cache.flushAll();
        }
      }
      return value;
    },
    clear(): void {
      generation += 1;
      cache.flushAll();
    },
    /** Hits and misses since start (for GET /metrics) and the keys held now. */
    stats: () => ({ ...counts, keys: cache.keys().length }),
  };
};

export type ReadCache<V> = ReturnType<typeof createReadCache<V>>;
