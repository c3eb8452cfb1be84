/** One serialised answer and what bounds its reuse. */
export interface CachedPage {
  readonly body: Buffer;
  readonly etag: string;
  readonly nextBoundary: Date | null;
  readonly fixedInstant: boolean;
  readonly changes: number;
  readonly storedAt: number;
  /** Its surrogate keys (see listKeys), sent with every hit. */
  readonly keys: readonly string[];
}

export interface PageCacheOptions {
  /** How long an answer is reused at most, for writes this process does not see; 0 turns caching off. */
  readonly maxAgeMs: number;
  readonly maxEntries?: number;
}

/**
 * Serialised list answers by their validated query string. TV apps ask the same few pages all
 * day, and a page is only recomputed when it may have changed: after a write to the store, once
 * the next window edge among its matches has passed (for answers about now), or after
 * `maxAgeMs`. Bounded: the oldest entry leaves when full. Entries are immutable strings.
 */
export const createPageCache = ({ maxAgeMs, maxEntries = 1000 }: PageCacheOptions) => {
  const pages = new Map<string, CachedPage>();
  return {
    get(key: string, now: number, changes: number): CachedPage | undefined {
      const page = pages.get(key);
      if (!page) return undefined;
      const edgePassed = !page.fixedInstant && page.nextBoundary !== null && now >= page.nextBoundary.getTime();
      if (page.changes !== changes || edgePassed || now - page.storedAt >= maxAgeMs || now < page.storedAt) {
        pages.delete(key);
        return undefined;
      }
      return page;
    },
    set(key: string, page: CachedPage): void {
      if (maxAgeMs <= 0) return;
      if (pages.size >= maxEntries) pages.delete(pages.keys().next().value!);
      pages.set(key, page);
    },
  };
};

export type PageCache = ReturnType<typeof createPageCache>;
