import type { EpisodePage } from '../domain/availability-store.ts';
import type { EpisodeDocument } from '../domain/episode-projection.ts';
import type { EpisodeQuery } from '../domain/episode-query.ts';
import type { GroupCount } from '../domain/text.ts';
import { bucketKey, type Bucket, type EpisodeIndex } from './in-memory-episode-index.ts';
import { groupCounts, groupsOfKeys, pageOf } from './in-memory-list-pages.ts';
import { INDEXED_PREFIX, standingAt, type Keyed, type Standing } from './in-memory-live-lists.ts';
import type { SortedList } from './sorted-list.ts';

const EMPTY: EpisodePage = { items: [], total: 0, nextBoundary: null };

/** Whether a bucket member is in the answers at `t` (and open, or not yet, when `available` asks). */
const listedAt = (bucket: Bucket, t: number, available: boolean | undefined) => (id: number) => {
  const listing = bucket.members.get(id);
  const standing = listing && standingAt(listing.edges, t);
  return standing !== undefined && (available === undefined || (standing === 'open') === available);
};

const standingsOf = (available: boolean | undefined): Standing[] =>
  available === undefined ? ['open', 'coming'] : [available ? 'open' : 'coming'];

/** Two lists in title order, merged into one. */
const mergeKeyed = (a: readonly Keyed[], b: readonly Keyed[]): Keyed[] => {
  const merged: Keyed[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(byKey(a[i]!, b[j]!) < 0 ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
};

const byKey = (a: Keyed, b: Keyed) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id);

/**
 * The candidates for a word prefix, in title order, passing `listed`: from the word postings, the
 * live lists of the prefix's first three letters (when they hold for the instant asked), or the
 * whole bucket, whichever is smallest; each candidate's words are tested only when the source
 * does not already imply the prefix.
 */
const prefixMatches = (
  index: EpisodeIndex,
  bucket: Bucket,
  prefix: string,
  listed: (id: number) => boolean,
  lists: readonly SortedList<Keyed>[] | undefined,
): Keyed[] => {
  const postings = index.wordPostings(prefix);
  const fromPostings = postings.reduce((n, ids) => n + ids.size, 0);
  const fromLists = lists?.reduce((n, list) => n + list.size, 0) ?? Infinity;
  const found: Keyed[] = [];
  const hasPrefix = (keyed: Keyed) => index.entry(keyed.id)!.words.some((w) => w.startsWith(prefix));
  if (fromPostings <= Math.min(fromLists, bucket.members.size / 8)) {
    const ids = new Set<number>();
    for (const set of postings) for (const id of set) if (listed(id)) ids.add(id);
    for (const id of ids) found.push(index.entry(id)!.keyed);
  } else if (lists) {
    // Each list is in title order already: merged, not sorted.
    return lists
      .map((list) => {
        const inList: Keyed[] = [];
        list.walk((keyed) => (hasPrefix(keyed) && inList.push(keyed), true));
        return inList;
      })
      .reduce(mergeKeyed, []);
  } else {
    bucket.titles.walk((keyed) => (listed(keyed.id) && hasPrefix(keyed) && found.push(keyed), true));
    return found;
  }
  return found.sort(byKey);
};

/** Every member of a bucket passing `listed`, in title order: the path for an instant the live lists do not hold. */
const walkMatches = (bucket: Bucket, listed: (id: number) => boolean): Keyed[] => {
  const found: Keyed[] = [];
  bucket.titles.walk((keyed) => (listed(keyed.id) && found.push(keyed), true));
  return found;
};

/**
 * Answers a page query from the indexes. When the live lists hold for the instant asked (no
 * window edge anywhere between it and the live instant: "now", and any instant before the next
 * edge), the page is read at its rank in one or two lists (open, coming) of the bucket and
 * prefix, `total` is their sizes and each A to Z count two ranks: no match is visited but the
 * ones shown. A prefix longer than three letters narrows the smaller of its word postings and its
 * three-letter lists. Another instant (`at=` across an edge) tests each candidate's windows at
 * that instant: candidates from the postings or the bucket, whichever is smaller. The next
 * boundary is the bucket's next window edge after the instant: the matches' own, or earlier.
 */
export const findInIndex = (index: EpisodeIndex, docs: ReadonlyMap<number, EpisodeDocument>, query: EpisodeQuery): EpisodePage => {
  const bucket = index.bucket(query.platform, query.channel);
  if (!bucket || bucket.members.size === 0) return query.grouped ? { ...EMPTY, groups: [] } : EMPTY;
  const t = query.at.getTime();
  const offset = (query.page - 1) * query.size;
  let next: number | undefined;
  bucket.edges.walk((edge) => ((next = edge), false), t + 1);
  const nextBoundary = next === undefined ? null : new Date(next);
  const page = (keyed: readonly Keyed[], total: number, groups: GroupCount[] | undefined): EpisodePage => ({
    items: keyed.map((k) => docs.get(k.id)!),
    total,
    nextBoundary,
    ...(query.grouped ? { groups } : {}),
  });

  const live = index.live.holdsAt(t);
  const key = bucketKey(query.platform, query.channel);
  const listsOf = (prefix: string) => standingsOf(query.available).flatMap((s) => index.live.list(key, s, prefix) ?? []);
  if (live && (query.prefix === undefined || query.prefix.length <= INDEXED_PREFIX)) {
    const lists = listsOf(query.prefix ?? '');
    const total = lists.reduce((n, list) => n + list.size, 0);
    return page(pageOf(lists, offset, query.size), total, query.grouped ? groupCounts(lists) : undefined);
  }
  const listed = listedAt(bucket, t, query.available);
  if (query.prefix === undefined && query.available === undefined && !query.grouped) {
    // The total is a rank among the bucket's latest ends; only the page's own rank is walked to.
    const shown: Keyed[] = [];
    let skipped = 0;
    bucket.titles.walk((keyed) => !listed(keyed.id) || skipped++ < offset || shown.push(keyed) < query.size);
    return page(shown, bucket.members.size - bucket.ends.rank(t + 1), undefined);
  }
  const matches =
    query.prefix === undefined
      ? walkMatches(bucket, listed)
      : prefixMatches(index, bucket, query.prefix, listed, live ? listsOf(query.prefix.slice(0, INDEXED_PREFIX)) : undefined);
  return page(matches.slice(offset, offset + query.size), matches.length, query.grouped ? groupsOfKeys(matches) : undefined);
};
