import type { EpisodeDocument } from '../domain/episode-projection.ts';
import { SortedList, lowerBound } from './sorted-list.ts';

/** An episode in one platform's answers: its latest licence end there, and every window edge, sorted. */
interface Listing {
  readonly maxEnd: number;
  readonly edges: readonly number[];
}

/** What the index holds of one episode; compared with the previous one to patch only what moved. */
export interface IndexEntry {
  readonly titleKey: string;
  readonly words: readonly string[];
  /** Per bucket key, present only while the episode is published with an active licence there. */
  readonly listings: ReadonlyMap<string, Listing>;
}

interface Keyed {
  readonly key: string;
  readonly id: number;
}
interface Timed {
  readonly t: number;
  readonly id: number;
}

/** One platform (and channel): who may answer, in title order, and when their answers change. */
export interface Bucket {
  readonly titles: SortedList<Keyed>;
  /** Episode id → its windows on the platform: listed while its latest end is after the instant asked. */
  readonly members: Map<number, Listing>;
  readonly ends: SortedList<Timed>;
  readonly edges: SortedList<Timed>;
}

const byKey = (a: Keyed, b: Keyed) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id);
const byTime = (a: Timed, b: Timed) => a.t - b.t || a.id - b.id;
const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((e, i) => e === b[i]);

/** The bucket key of a platform and channel; `undefined` channel is the platform's every channel. */
export const bucketKey = (platform: string, channel: string | null | undefined) => (channel === undefined ? `${platform}\u0001` : `${platform}\u0000${channel ?? ''}`);

/** Reduces a document to what the indexes need: title, words, and per platform the active windows. */
export const indexEntry = (doc: EpisodeDocument): IndexEntry => {
  const listings = new Map<string, Listing>();
  if (doc.published) {
    const byPlatform = new Map<string, number[]>();
    for (const l of doc.licences) {
      if (l.active) (byPlatform.get(l.platform) ?? byPlatform.set(l.platform, []).get(l.platform)!).push(l.start.getTime(), l.end.getTime());
    }
    for (const [platform, times] of byPlatform) {
      const edges = [...new Set(times)].sort((a, b) => a - b);
      const listing = { maxEnd: edges.at(-1)!, edges };
      listings.set(bucketKey(platform, doc.channel), listing).set(bucketKey(platform, undefined), listing);
    }
  }
  return { titleKey: doc.titleKey, words: doc.words, listings };
};

/**
 * The embedded store's indexes, patched on every change: per platform and per platform and
 * channel the listed episodes in title order, their latest licence ends (to count what is still
 * listed at an instant without visiting it) and their window edges (the next boundary is one
 * lookup); and every folded title word, sorted, with the ids holding it, for a prefix search by
 * binary search. A change touches only the buckets and words it moves.
 */
export const createEpisodeIndex = () => {
  const entries = new Map<number, IndexEntry>();
  const buckets = new Map<string, Bucket>();
  const postings = new Map<string, Set<number>>();
  const words: string[] = [];

  const bucketAt = (key: string): Bucket =>
    buckets.get(key) ??
    buckets.set(key, { titles: new SortedList(byKey), members: new Map(), ends: new SortedList(byTime), edges: new SortedList(byTime) }).get(key)!;

  const moveListing = (id: number, key: string, before: IndexEntry | undefined, after: IndexEntry) => {
    const old = before?.listings.get(key);
    const next = after.listings.get(key);
    const retitled = before?.titleKey !== after.titleKey;
    if (!old && !next) return;
    const bucket = bucketAt(key);
    if (old && (!next || retitled)) bucket.titles.remove({ key: before!.titleKey, id });
    if (next && (!old || retitled)) bucket.titles.insert({ key: after.titleKey, id });
    if (old?.maxEnd !== next?.maxEnd) {
      if (old) bucket.ends.remove({ t: old.maxEnd, id });
      if (next) bucket.ends.insert({ t: next.maxEnd, id });
    }
    if (!sameItems(old?.edges ?? [], next?.edges ?? [])) {
      for (const t of old?.edges ?? []) bucket.edges.remove({ t, id });
      for (const t of next?.edges ?? []) bucket.edges.insert({ t, id });
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
        words.splice(lowerBound(words.length, (i) => words[i]! < word), 1);
      }
    }
    for (const word of after) {
      const ids = postings.get(word);
      if (ids) ids.add(id);
      else {
        postings.set(word, new Set([id]));
        words.splice(lowerBound(words.length, (i) => words[i]! < word), 0, word);
      }
    }
  };

  return {
    /** Folds a changed document into every index it moves, immediately. */
    changed(doc: EpisodeDocument): void {
      const before = entries.get(doc._id);
      const after = indexEntry(doc);
      entries.set(doc._id, after);
      for (const key of new Set([...(before?.listings.keys() ?? []), ...after.listings.keys()])) moveListing(doc._id, key, before, after);
      moveWords(doc._id, before?.words ?? [], after.words);
    },
    bucket: (platform: string, channel: string | undefined): Bucket | undefined => buckets.get(bucketKey(platform, channel)),
    /** The id sets of every word starting with `prefix` (an id may be in several). */
    wordPostings(prefix: string): Set<number>[] {
      const found: Set<number>[] = [];
      for (let i = lowerBound(words.length, (k) => words[k]! < prefix); i < words.length && words[i]!.startsWith(prefix); i += 1) found.push(postings.get(words[i]!)!);
      return found;
    },
    entry: (id: number): IndexEntry | undefined => entries.get(id),
  };
};

export type EpisodeIndex = ReturnType<typeof createEpisodeIndex>;
