import { publicCacheControl } from '#platform/http/shared-caching';

/** How long a client may reuse an availability answer when no window edge comes sooner. */
export const DEFAULT_MAX_AGE_SECONDS = 30;

/**
 * `Cache-Control` for an availability answer. An answer about "now" must expire no later than
 * the next window edge that would change it (rounded down, so it never outlives it), in the
 * client and at the edge, stale allowances included; one about a fixed instant (`at=`) does not
 * change as time passes, only with events, which purge it at the edge.
 */
export const availabilityCacheControl = (now: Date, nextBoundary: Date | null, fixedInstant: boolean): string => {
  const untilEdge = nextBoundary && !fixedInstant ? Math.floor((nextBoundary.getTime() - now.getTime()) / 1000) : Infinity;
  return publicCacheControl(DEFAULT_MAX_AGE_SECONDS, untilEdge);
};

/** Every availability answer: one purge of `/availability` flushes them all (after a rebuild, say). */
const ALL = '/availability';

/**
 * What one episode's answer is made from, as surrogate keys: the episode (any event about it
 * purges `/availability/episodes/{id}` once applied) and its programme, whose title it shows.
 */
export const episodeKeys = (episodeId: number, programmeId: number | null | undefined): string[] => [
  ALL,
  `/availability/episodes/${episodeId}`,
  ...(programmeId ? [`/catalogue/programmes/${programmeId}`] : []),
];

/**
 * A list answer's keys: every episode it holds, plus the platform's list key and the key of all
 * lists. Any change in a list's membership moves every page after it and its `total`, so a grant,
 * revocation or window change on a platform purges all of that platform's lists, including
 * those that did not hold the episode and now should; a catalogue change (a title, a channel)
 * purges every platform's.
 */
export const listKeys = (platform: string, episodeIds: Iterable<number>): string[] => [
  ALL,
  '/availability/episodes',
  `/availability/episodes?platform=${platform}`,
  ...[...episodeIds].map((id) => `/availability/episodes/${id}`),
];
