import { platformWindows, type Window } from '../domain/availability.ts';
import type { EpisodeDocument } from '../domain/episode-projection.ts';
import { createLiveLists, type Keyed } from './in-memory-live-lists.ts';
import { SortedList, lowerBound } from './sorted-list.ts';

/**
 * An episode in one platform's answers: the two buckets it is listed in (the platform and
 * channel's, the platform's), its latest licence end there, and the edges of its merged windows,
 * sorted ([start, end, start, end ...], strictly increasing since merged windows neither overlap
 * nor touch): an instant is inside a window when an odd number of edges are at or before it.
 */
interface Listing {
  readonly channelKey: string;
  readonly platformKey: string;
  readonly maxEnd: number;
  readonly edges: readonly number[];
}

/** What the index holds of one episode; compared with the previous one to patch only what moved. */
export interface IndexEntry {
  readonly titleKey: string;
  /** The episode's place in title order: one object, shared by every bucket listing it. */
  readonly keyed: Keyed;
  readonly words: readonly string[];
  /**
   * One per platform where the episode is published with an active licence. An array, not a map
   * by bucket key: a few items, scanned, where a Map costs half a kilobyte per episode.
   */
  readonly listings: readonly Listing[];
}

/**
 * One platform (and channel): who may answer, in title order, and when their answers change.
 * `ends` and `edges` are multisets of instants (epoch ms): queries only count and bound them, so
 * they hold bare numbers (8 bytes each in a double array) rather than an object per entry.
 */
export interface Bucket {
  readonly titles: SortedList<Keyed>;
  /** Episode id → its windows on the platform: listed while its latest end is after the instant asked. */
  readonly members: Map<number, Listing>;
  readonly ends: SortedList<number>;
  readonly edges: SortedList<number>;
}

const byKey = (a: Keyed, b: Keyed) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id);
const byTime = (a: number, b: number) => a - b;
/** The chunks of `ends` and `edges`: an array literal of their own, never taught objects by other lists (see SortedList). */
const timeChunk = (): number[] => [];
const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((e, i) => e === b[i]);

/**
 * The bucket key of a platform and folded channel (`channelKey`); `undefined` channel is the
 * platform's every channel.
 */
export const bucketKey = (platform: string, channel: string | null | undefined) =>
  channel === undefined ? `${platform}\u0001` : `${platform}\u0000${channel ?? ''}`;

/**
 * The edges of merged windows as epoch ms, built in a plain loop so that the array holds unboxed
 * doubles, and copied to its exact length (a pushed-to array keeps room for 17).
 */
const mergedEdges = (windows: readonly Window[]): number[] => {
  const edges: number[] = [];
  for (const w of windows) edges.push(w.start.getTime(), w.end.getTime());
  return edges.slice();
};

/** Whether merged window edges hold `t`: an odd number of them at or before it. */
export const openAt = (edges: readonly number[], t: number): boolean => lowerBound(edges.length, (i) => edges[i]! <= t) % 2 === 1;

/**
 * Reduces a document to what the indexes need: title, words, and per platform the active
 * windows. `previous` (the episode's entry so far) lends its `keyed` when the title is unchanged,
 * and `intern` makes every entry share one string per bucket key.
 */
export const indexEntry = (doc: EpisodeDocument, previous?: IndexEntry, intern: (key: string) => string = (key) => key): IndexEntry => {
  const listings: Listing[] = [];
  if (doc.published) {
    const platforms = new Set(doc.licences.filter((l) => l.active).map((l) => l.platform));
    for (const platform of platforms) {
      const edges = mergedEdges(platformWindows(doc.licences, platform));
      listings.push({
        channelKey: intern(bucketKey(platform, doc.channelKey)),
        platformKey: intern(bucketKey(platform, undefined)),
        maxEnd: edges[edges.length - 1]!,
        edges,
      });
    }
  }
  const keyed = previous?.titleKey === doc.titleKey ? previous.keyed : { key: doc.titleKey, id: doc._id };
  return { titleKey: doc.titleKey, keyed, words: doc.words, listings: listings.slice() };
};

/** The entry's listing in a bucket, if it is listed there. */
const listingIn = (entry: IndexEntry, key: string): Listing | undefined =>
  entry.listings.find((l) => l.channelKey === key || l.platformKey === key);

/** Every bucket an entry is listed in. */
const bucketKeysOf = (entry: IndexEntry): string[] => entry.listings.flatMap((l) => [l.channelKey, l.platformKey]);

/**
 * The embedded store's indexes, patched on every change: per platform and per platform and
 * channel the listed episodes in title order, their latest licence ends (to count what is still
 * listed at an instant without visiting it) and their window edges (the next boundary is one
 * lookup); and every folded title word, sorted, with the ids holding it, for a prefix search by
 * binary search. A change touches only the buckets and words it moves.
 */
export const createEpisodeIndex = (start: number = Date.now()) => {
  const live = createLiveLists(start);
  const entries = new Map<number, IndexEntry>();
  const buckets = new Map<string, Bucket>();
  const postings = new Map<string, Set<number>>();
  const words: string[] = [];
  const bucketKeys = new Map<string, string>();
  /** One string per bucket key for every entry (a key is never forgotten, like its bucket). */
  const intern = (key: string) => bucketKeys.get(key) ?? (bucketKeys.set(key, key), key);

  const bucketAt = (key: string): Bucket =>
    buckets.get(key) ??
    buckets
      .set(key, {
        titles: new SortedList(byKey),
        members: new Map(),
        ends: new SortedList(byTime, timeChunk),
        edges: new SortedList(byTime, timeChunk),
      })
      .get(key)!;

  const moveListing = (id: number, key: string, before: IndexEntry | undefined, after: IndexEntry) => {
    const old = before && listingIn(before, key);
    const next = listingIn(after, key);
    const retitled = before?.titleKey !== after.titleKey;
    if (!old && !next) return;
    const bucket = bucketAt(key);
    if (old && (!next || retitled)) bucket.titles.remove(before!.keyed);
    if (next && (!old || retitled)) bucket.titles.insert(after.keyed);
    if (old?.maxEnd !== next?.maxEnd) {
      if (old) bucket.ends.remove(old.maxEnd);
      if (next) bucket.ends.insert(next.maxEnd);
    }
    if (!sameItems(old?.edges ?? [], next?.edges ?? [])) {
      for (const t of old?.edges ?? []) bucket.edges.remove(t);
      for (const t of next?.edges ?? []) bucket.edges.insert(t);
    }
    if (next) bucket.members.set(id, next);
    else bucket.members.delete(id);
  };

  const moveWords = (id: number, before: readonly string[], after: readonly string[]) => {
    if (sameItems(before, after)) return;
    for (const word of before) {
      const ids = postings.get(word);
      ids?.delete(id);
      if (ids?.size === 0) {
        postings.delete(word);
        words.splice(
          lowerBound(words.length, (i) => words[i]! < word),
          1,
        );
      }
    }
    for (const word of after) {
      const ids = postings.get(word);
      if (ids) ids.add(id);
      else {
        postings.set(word, new Set([id]));
        words.splice(
          lowerBound(words.length, (i) => words[i]! < word),
          0,
          word,
        );
      }
    }
  };

  return {
    /** Folds a changed document into every index it moves, immediately. */
    changed(doc: EpisodeDocument): void {
      const before = entries.get(doc._id);
      const after = indexEntry(doc, before, intern);
      entries.set(doc._id, after);
      live.changed(doc._id, before, after);
      for (const key of new Set([...(before ? bucketKeysOf(before) : []), ...bucketKeysOf(after)]))
        moveListing(doc._id, key, before, after);
      moveWords(doc._id, before?.words ?? [], after.words);
    },
    bucket: (platform: string, channel: string | undefined): Bucket | undefined => buckets.get(bucketKey(platform, channel)),
    /** The id sets of every word starting with `prefix` (an id may be in several). */
    wordPostings(prefix: string): Set<number>[] {
      const found: Set<number>[] = [];
      for (let i = lowerBound(words.length, (k) => words[k]! < prefix); i < words.length && words[i]!.startsWith(prefix); i += 1)
        found.push(postings.get(words[i]!)!);
      return found;
    },
    entry: (id: number): IndexEntry | undefined => entries.get(id),
    live,
    /** Moves the live lists forward to `t` (never back). */
    advance: (t: number) => live.advance(t, (id) => entries.get(id)),
  };
};

export type EpisodeIndex = ReturnType<typeof createEpisodeIndex>;
