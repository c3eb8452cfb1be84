import { LRUCache } from 'lru-cache';

/** What a cache is given: at most `max` entries, each kept at most `ttlMs` unless `set` says otherwise. */
export interface CacheOptions {
  readonly max: number;
  /** Default time to live in milliseconds; 0 or absent keeps entries until they are evicted. */
  readonly ttlMs?: number;
}

/** A bounded in-memory cache: the least recently used entry leaves when it is full. */
export interface Cache<V> {
  get(key: string): V | undefined;
  /** Keeps `value`, for `ttlMs` when given (a whole number of ms greater than 0), else the default. */
  set(key: string, value: V, ttlMs?: number): void;
  delete(key: string): void;
  clear(): void;
  /** The entries held now, most recently used first, read without making them recent. */
  entries(): IterableIterator<[string, V]>;
  readonly size: number;
}

/**
 * The one cache of the codebase, over `lru-cache` (isaacs; well kept, used by npm itself): bounded
 * by entries, least-recently-used eviction, per-entry time to live. Values are held by reference,
 * never cloned (a clone of a 5 KB value cost as much as a whole request, DESIGN.md), so callers
 * treat them as immutable. Expired entries are dropped when read, not by a timer, so a cache keeps
 * no process alive and needs no closing.
 */
export const createCache = <V extends NonNullable<unknown>>({ max, ttlMs = 0 }: CacheOptions): Cache<V> => {
  const lru = new LRUCache<string, V>({ max, ttl: ttlMs, ttlAutopurge: false, allowStale: false, updateAgeOnGet: false });
  return {
    get: (key) => lru.get(key),
    set: (key, value, ttl) => void lru.set(key, value, ttl === undefined ? undefined : { ttl }),
    delete: (key) => void lru.delete(key),
    clear: () => lru.clear(),
    entries: () => lru.entries(),
    get size() {
      return lru.size;
    },
  };
};
