import type { Filter } from './projection-write.ts';
import { prefixSuccessor } from './text.ts';

/**
 * A page query as the use case hands it to the store: every value already validated (platform
 * and channel well-formed, prefix folded and bounded, paging within limits).
 */
export interface EpisodeQuery {
  readonly platform: string;
  /** The channel folded (`channelKey`): matched against each document's `channelKey`. */
  readonly channel?: string;
  readonly prefix?: string;
  readonly at: Date;
  /**
   * true: only what is playable at `at` (inside a window); false: only what is coming (listed,
   * its next window not yet open); absent: both.
   */
  readonly available?: boolean;
  readonly page: number;
  readonly size: number;
  /** Whether to count every match per A to Z group (`groups` of the page). */
  readonly grouped?: boolean;
}

/** The sort every store applies: the title's sort key, the id as a tie-breaker. */
export const EPISODE_SORT = { titleKey: 1, _id: 1 } as const;

/**
 * The MongoDB filter of a page query. The word prefix is a range on the folded words
 * ([prefix, its successor)), never a regular expression: nothing from the request is read as
 * a pattern or an operator, and the multikey index on `words` answers it.
 */
export const episodeFilter = (query: EpisodeQuery): Filter => ({
  published: true,
  ...(query.channel === undefined ? {} : { channelKey: query.channel }),
  ...licenceFilter(query),
  ...(query.prefix === undefined ? {} : { words: { $elemMatch: { $gte: query.prefix, $lt: prefixSuccessor(query.prefix) } } }),
});

/**
 * The licence condition: listed (a window on the platform not over at `at`), narrowed by
 * `available` to a window open at `at` (true) or to none open yet (false: listed, and no
 * window holds `at`). Windows are half-open, so an episode is playable from its start.
 */
const licenceFilter = ({ platform, at, available }: EpisodeQuery): Filter => {
  const listed = { licences: { $elemMatch: { platform, active: true, end: { $gt: at } } } };
  if (available === undefined) return listed;
  const open = { $elemMatch: { platform, active: true, start: { $lte: at }, end: { $gt: at } } };
  return available ? { licences: open } : { $and: [listed, { licences: { $not: open } }] };
};

/**
 * The aggregation that finds the next window edge after `at` among every episode a query
 * matches (not only the page shown): when it passes, an item's flag flips or it leaves.
 */
export const nextBoundaryPipeline = (query: EpisodeQuery): Filter[] => [
  { $match: episodeFilter(query) },
  { $unwind: '$licences' },
  { $match: { 'licences.platform': query.platform, 'licences.active': true, 'licences.end': { $gt: query.at } } },
  { $project: { edge: { $cond: [{ $gt: ['$licences.start', query.at] }, '$licences.start', '$licences.end'] } } },
  { $group: { _id: null, next: { $min: '$edge' } } },
];

/**
 * The aggregation that counts a query's matches per A to Z group: the group is the first two
 * characters of `titleKey` ('0…' digits and symbols, '1a' to '1z' the letters).
 */
export const groupsPipeline = (query: EpisodeQuery): Filter[] => [
  { $match: episodeFilter(query) },
  { $group: { _id: { $substrCP: ['$titleKey', 0, 2] }, count: { $sum: 1 } } },
];
