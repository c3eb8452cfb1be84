import { Query } from 'mingo';
import type { EpisodePage } from '../domain/availability-store.ts';
import type { EpisodeDocument } from '../domain/episode-projection.ts';
import { episodeFilter, type EpisodeQuery } from '../domain/episode-query.ts';
import { openAt, type Bucket, type EpisodeIndex } from './in-memory-episode-index.ts';
import { lowerBound } from './sorted-list.ts';

const EMPTY: EpisodePage = { items: [], total: 0, nextBoundary: null };

/** The first window edge after `t` among sorted edges, or undefined. */
const edgeAfter = (edges: readonly number[], t: number): number | undefined => edges[lowerBound(edges.length, (i) => edges[i]! <= t)];

/**
 * The ids matching a word prefix, in title order: from the word postings when they are fewer
 * than the bucket's members (sorted by title afterwards), else by walking the bucket in title
 * order and testing each member's words. Either way the work is bounded by the smaller side.
 */
const prefixMatches = (index: EpisodeIndex, bucket: Bucket, prefix: string, listed: (id: number) => boolean): number[] => {
  const postings = index.wordPostings(prefix);
  if (postings.reduce((n, ids) => n + ids.size, 0) <= bucket.members.size) {
    const ids = new Set<number>();
    for (const set of postings) for (const id of set) if (listed(id)) ids.add(id);
    const keyed = [...ids].map((id) => ({ key: index.entry(id)!.titleKey, id }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
    return keyed.map((k) => k.id);
  }
  const ids: number[] = [];
  bucket.titles.walk(({ id }) => {
    if (listed(id) && index.entry(id)!.words.some((w) => w.startsWith(prefix))) ids.push(id);
    return true;
  });
  return ids;
};

/** Whether a bucket member is in the answers at `t`: listed, and open (or not yet) when `available` asks. */
const listedAt = (bucket: Bucket, t: number, available: boolean | undefined) => (id: number) => {
  const listing = bucket.members.get(id);
  if (listing === undefined || listing.maxEnd <= t) return false;
  return available === undefined || openAt(listing.edges, t) === available;
};

/** Every member of a bucket passing `listed`, in title order. */
const walkMatches = (bucket: Bucket, listed: (id: number) => boolean): number[] => {
  const ids: number[] = [];
  bucket.titles.walk(({ id }) => (listed(id) && ids.push(id), true));
  return ids;
};

/**
 * Answers a page query from the indexes: the bucket (platform, channel) and the word postings
 * select the candidates, the count of listed episodes comes from the bucket's sorted licence
 * ends, the next boundary from its sorted edges (or from the matches' own when a prefix narrows
 * them), and the MongoDB query document is still run, by mingo, on each document shown, so the
 * answer is the one MongoDB would give. Nothing here visits the whole collection.
 */
export const findInIndex = (index: EpisodeIndex, docs: ReadonlyMap<number, EpisodeDocument>, query: EpisodeQuery): EpisodePage => {
  const bucket = index.bucket(query.platform, query.channel);
  if (!bucket || bucket.members.size === 0) return EMPTY;
  const t = query.at.getTime();
  const test = new Query(episodeFilter(query));
  const listed = listedAt(bucket, t, query.available);
  const offset = (query.page - 1) * query.size;
  const items: EpisodeDocument[] = [];
  const take = (id: number) => {
    const doc = docs.get(id);
    if (doc && test.test(doc as never)) items.push(doc);
    return items.length < query.size;
  };
  if (query.prefix === undefined && query.available === undefined) {
    const total = bucket.members.size - bucket.ends.rank(t + 1);
    if (offset < total) {
      let skipped = 0;
      bucket.titles.walk(({ id }) => {
        if (!listed(id)) return true;
        if (skipped < offset) {
          skipped += 1;
          return true;
        }
        return take(id);
      });
    }
    let next: number | undefined;
    bucket.edges.walk((edge) => {
      next = edge;
      return false;
    }, t + 1);
    return { items, total, nextBoundary: next === undefined ? null : new Date(next) };
  }
  const matches = query.prefix === undefined ? walkMatches(bucket, listed) : prefixMatches(index, bucket, query.prefix, listed);
  for (let i = offset; i < matches.length && take(matches[i]!); i += 1);
  let next: number | undefined;
  for (const id of matches) {
    const edge = edgeAfter(bucket.members.get(id)!.edges, t);
    if (edge !== undefined && (next === undefined || edge < next)) next = edge;
  }
  return { items, total: matches.length, nextBoundary: next === undefined ? null : new Date(next) };
};
