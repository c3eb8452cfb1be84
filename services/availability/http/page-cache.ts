import { createCache } from '#platform/cache/cache';
import type { EpisodeDocument } from '../domain/episode-projection.ts';

/** What a list answer was asked about: a write can change it only when it touches this. */
export interface PageScope {
  readonly platform: string;
  /** The channel folded (`channelKey`), when the answer is about one. */
  readonly channel?: string;
  /** The folded word prefix, when the answer is a search. */
  readonly prefix?: string;
}

/** One serialised answer and what bounds its reuse. */
export interface CachedPage {
  readonly body: Buffer;
  readonly etag: string;
  readonly nextBoundary: Date | null;
  readonly fixedInstant: boolean;
  /** The store's change count when the answer was computed: it is not kept if a write landed meanwhile. */
  readonly changes: number;
  readonly storedAt: number;
  readonly scope: PageScope;
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
 * day, and a page is only recomputed when it may have changed: after a write that touches its
 * scope (`invalidate`; a licence amended on ios leaves every web answer, and every ios answer
 * about another channel or search, in place), after a rebuild (`clear`), once the next window
 * edge among its matches has passed (for answers about now), or after `maxAgeMs` (writes another
 * process makes to a shared MongoDB). Bounded: the least recently used entry leaves when full. Entries are
 * immutable bytes.
 */
export const createPageCache = ({ maxAgeMs, maxEntries = 1000 }: PageCacheOptions) => {
  const pages = createCache<CachedPage>({ max: maxEntries });
  return {
    get(key: string, now: number): CachedPage | undefined {
      const page = pages.get(key);
      if (!page) return undefined;
      const edgePassed = !page.fixedInstant && page.nextBoundary !== null && now >= page.nextBoundary.getTime();
      if (edgePassed || now - page.storedAt >= maxAgeMs || now < page.storedAt) {
        pages.delete(key);
        return undefined;
      }
      return page;
    },
    /** Keeps an answer, unless the store changed (`changes`) while it was computed. */
    set(key: string, page: CachedPage, changes: number): void {
      if (maxAgeMs <= 0 || page.changes !== changes) return;
      pages.set(key, page);
    },
    /**
     * Drops every answer a write to these documents (as they were before it, and are after) may
     * have changed: those a document can appear in or count towards at any instant, being
     * published, licensed on the answer's platform (active, whatever the window), on its channel,
     * with a word starting with its prefix. A write whose document touches an answer neither
     * before nor after cannot change it.
     */
    invalidate(docs: readonly EpisodeDocument[]): void {
      // The platforms each document is listed on, found once rather than once per cached answer.
      const listed = docs
        .filter((doc) => doc.published)
        .map((doc) => ({ doc, platforms: new Set(doc.licences.filter((l) => l.active).map((l) => l.platform)) }));
      if (listed.length === 0) return;
      for (const [key, page] of [...pages.entries()]) {
        const { platform, channel, prefix } = page.scope;
        if (
          listed.some(
            ({ doc, platforms }) =>
              platforms.has(platform) &&
              (channel === undefined || doc.channelKey === channel) &&
              (prefix === undefined || doc.words.some((w) => w.startsWith(prefix))),
          )
        )
          pages.delete(key);
      }
    },
    clear: () => pages.clear(),
    get size() {
      return pages.size;
    },
  };
};

export type PageCache = ReturnType<typeof createPageCache>;
