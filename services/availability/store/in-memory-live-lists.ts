import { SortedList, lowerBound } from './sorted-list.ts';

/** An episode's place in title order: one object, shared by every list that holds the episode. */
export interface Keyed {
  readonly key: string;
  readonly id: number;
}

/** What the live lists read of an episode's listing on one platform (see in-memory-episode-index). */
export interface LiveListing {
  readonly channelKey: string;
  readonly platformKey: string;
  /** Edges of the merged windows, strictly increasing: [start, end, start, end ...]. */
  readonly edges: readonly number[];
}

/** Where a listing stands at an instant: inside a window, or before its next one. Over: neither. */
export type Standing = 'open' | 'coming';

/** Prefixes of title words kept as lists of their own; a longer `q` narrows the 3-letter list. */
export const INDEXED_PREFIX = 3;

/** Edges at or before `t`: odd while a window is open, and all of them once every window is over. */
const passed = (edges: readonly number[], t: number) => lowerBound(edges.length, (i) => edges[i]! <= t);

/** Where merged window edges stand at `t`. */
export const standingAt = (edges: readonly number[], t: number): Standing | undefined => {
  const n = passed(edges, t);
  return n === edges.length ? undefined : n % 2 === 1 ? 'open' : 'coming';
};

/** The first edge after `t`, when the standing changes next. */
const edgeAfter = (edges: readonly number[], t: number): number | undefined => edges[passed(edges, t)];

/** The list keys of title words: the whole bucket (''), and each word's prefixes of 1 to 3 letters. */
export const prefixesOf = (words: readonly string[]): string[] => {
  const found = new Set<string>(['']);
  for (const word of words) for (let n = 1; n <= Math.min(INDEXED_PREFIX, word.length); n += 1) found.add(word.slice(0, n));
  return [...found];
};

const sameListing = (a: LiveListing, b: LiveListing) =>
  a.channelKey === b.channelKey &&
  a.platformKey === b.platformKey &&
  a.edges.length === b.edges.length &&
  a.edges.every((e, i) => e === b.edges[i]);

const sameWords = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((w, i) => w === b[i]));

const listKey = (bucket: string, standing: Standing, prefix: string) => `${bucket}\u0002${standing}\u0002${prefix}`;

interface Pending {
  readonly t: number;
  readonly id: number;
  readonly platformKey: string;
}
const byKey = (a: Keyed, b: Keyed) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id);
const byTime = (a: Pending, b: Pending) =>
  a.t - b.t || a.id - b.id || (a.platformKey < b.platformKey ? -1 : a.platformKey > b.platformKey ? 1 : 0);

/**
 * Who stands where at one live instant: for every bucket (platform, platform and channel), every
 * standing (open, coming) and every title-word prefix of up to three letters, the episodes in
 * title order. A page, its total and its A to Z counts are then ranks in one or two lists, never
 * a visit of every match. The instant moves forward with `advance`, which moves only the
 * listings whose next edge it passes (a queue holds each listing's next edge), so what is listed
 * "now" stays current as windows open and close without any per-document time test.
 */
export const createLiveLists = (start: number) => {
  let now = start;
  /** The latest edge at or before `now` among listings: an instant before it may see another state. */
  let lastEdge = -Infinity;
  const lists = new Map<string, SortedList<Keyed>>();
  const queue = new SortedList<Pending>(byTime);

  const listAt = (key: string) => lists.get(key) ?? lists.set(key, new SortedList(byKey)).get(key)!;
  const place = (keyed: Keyed, words: readonly string[], listing: LiveListing, standing: Standing | undefined, add: boolean) => {
    if (standing === undefined) return;
    for (const prefix of prefixesOf(words)) {
      for (const bucket of [listing.channelKey, listing.platformKey]) {
        if (add) listAt(listKey(bucket, standing, prefix)).insert(keyed);
        else lists.get(listKey(bucket, standing, prefix))?.remove(keyed);
      }
    }
  };
  const enqueue = (id: number, listing: LiveListing, add: boolean) => {
    const t = edgeAfter(listing.edges, now);
    if (t === undefined) return;
    if (add) queue.insert({ t, id, platformKey: listing.platformKey });
    else queue.remove({ t, id, platformKey: listing.platformKey });
  };

  return {
    instant: () => now,
    /**
     * Whether the lists answer for `t` as they do for the live instant: no edge of any listing
     * lies between the two.
     */
    holdsAt(t: number): boolean {
      return t >= now ? (queue.first()?.t ?? Infinity) > t : lastEdge <= t;
    },
    /** The earliest pending edge, when `advance` has work to do. */
    nextEdge: (): number | undefined => queue.first()?.t,
    /** Moves one episode's listings from what they were to what they are. */
    changed(id: number, before: Entry | undefined, after: Entry | undefined): void {
      // A listing whose lists are the same before and after (same title, words, buckets and
      // standing now: an amended end date, say) only moves its next edge in the queue.
      const sameEntry = before?.keyed === after?.keyed && sameWords(before?.words, after?.words);
      const sameLists = (a: LiveListing, b: LiveListing) =>
        sameEntry &&
        a.channelKey === b.channelKey &&
        a.platformKey === b.platformKey &&
        standingAt(a.edges, now) === standingAt(b.edges, now);
      const identical = (a: LiveListing, b: LiveListing) => sameEntry && sameListing(a, b);
      for (const old of before?.listings ?? []) {
        if (after?.listings.some((l) => identical(l, old))) continue;
        if (!after?.listings.some((l) => sameLists(old, l))) place(before!.keyed, before!.words, old, standingAt(old.edges, now), false);
        enqueue(id, old, false);
      }
      for (const listing of after?.listings ?? []) {
        if (before?.listings.some((l) => identical(l, listing))) continue;
        if (!before?.listings.some((l) => sameLists(l, listing)))
          place(after!.keyed, after!.words, listing, standingAt(listing.edges, now), true);
        enqueue(id, listing, true);
        const n = passed(listing.edges, now);
        if (n > 0) lastEdge = Math.max(lastEdge, listing.edges[n - 1]!);
      }
    },
    /** Moves the live instant forward to `t`, moving every listing whose standing changes on the way. */
    advance(t: number, entryOf: (id: number) => Entry | undefined): void {
      if (t <= now) return;
      for (let head = queue.first(); head !== undefined && head.t <= t; head = queue.first()) {
        queue.remove(head);
        lastEdge = Math.max(lastEdge, head.t);
        const entry = entryOf(head.id);
        const listing = entry?.listings.find((l) => l.platformKey === head.platformKey);
        if (!entry || !listing) continue;
        const was = standingAt(listing.edges, head.t - 1);
        const is = standingAt(listing.edges, t);
        if (was !== is) {
          place(entry.keyed, entry.words, listing, was, false);
          place(entry.keyed, entry.words, listing, is, true);
        }
        const next = edgeAfter(listing.edges, t);
        if (next !== undefined) queue.insert({ t: next, id: head.id, platformKey: head.platformKey });
      }
      now = t;
    },
    /** The list of a bucket, standing and indexed prefix ('' for all), if anyone was ever in it. */
    list: (bucket: string, standing: Standing, prefix: string): SortedList<Keyed> | undefined =>
      lists.get(listKey(bucket, standing, prefix)),
  };
};

/** What the live lists need of an index entry. */
export interface Entry {
  readonly keyed: Keyed;
  readonly words: readonly string[];
  readonly listings: readonly LiveListing[];
}

export type LiveLists = ReturnType<typeof createLiveLists>;
