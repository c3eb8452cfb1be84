import type { Document } from 'mongodb';
import type { EpisodeQuery } from '../domain/episode-query.ts';
import { prefixSuccessor } from '../domain/text.ts';

/** The sort every store applies: the title's sort key, the id as a tie-breaker (the embedded store's title order too). */
export const EPISODE_SORT = { titleKey: 1, _id: 1 } as const;

/**
 * The MongoDB filter of a page query. The word prefix is a range on the folded words
 * ([prefix, its successor)), never a regular expression: nothing from the request is read as
 * a pattern or an operator, and the multikey index on `words` answers it.
 */
export const episodeFilter = (query: EpisodeQuery): Document => ({
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
const licenceFilter = ({ platform, at, available }: EpisodeQuery): Document => {
  const listed = { licences: { $elemMatch: { platform, active: true, end: { $gt: at } } } };
  if (available === undefined) return listed;
  const open = { $elemMatch: { platform, active: true, start: { $lte: at }, end: { $gt: at } } };
  return available ? { licences: open } : { $and: [listed, { licences: { $not: open } }] };
};

/**
 * The aggregation that finds the next window edge after `at` among every episode a query
 * matches (not only the page shown): when it passes, an item's flag flips or it leaves.
 */
export const nextBoundaryPipeline = (query: EpisodeQuery): Document[] => [
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
export const groupsPipeline = (query: EpisodeQuery): Document[] => [
  { $match: episodeFilter(query) },
  { $group: { _id: { $substrCP: ['$titleKey', 0, 2] }, count: { $sum: 1 } } },
];
