import { z } from 'zod';
import { createCache } from '#platform/cache/cache';
import { isSurrogateKey } from '#platform/http/surrogate-keys';
import type { EventEnvelope } from '#platform/messaging/event-envelope';

/** What the keys of an event are read from: ids its `data` may carry (event-carried state). */
const facts = z.object({
  episodeId: z.number().int().positive().optional(),
  programmeId: z.number().int().positive().optional(),
  platform: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/)
    .optional(),
});

/** The resource's collection: its path without the last segment (`/licencing/licences/L` → `/licencing/licences`). */
const collectionOf = (subject: string): string | undefined => {
  const cut = subject.lastIndexOf('/');
  return cut > 0 ? subject.slice(0, cut) : undefined;
};

/** What decides which availability lists hold an episode, and where: its programme's title (searched, sorted, grouped), channel and status. */
const listing = z.object({
  episodeId: z.number().int().positive(),
  programmeTitle: z.string(),
  channel: z.string(),
  status: z.string(),
});

/** Whether an episode event may change which lists hold the episode, or where (see createListingMemory). */
export type ListsMayChange = (event: EventEnvelope) => boolean;

/**
 * Remembers, per episode, what the last catalogue event seen said of the facts lists are made
 * from, so that a revision keeping them (a synopsis, an episode title, a duration) purges only
 * the lists that hold the episode (they name it), not every list. Anything less than certain
 * counts as a change: an episode not seen since this process started, a version that does not
 * follow the one remembered (a gap, a redelivery), data that does not parse. Bounded (LRU).
 */
export const createListingMemory = (max = 200_000): ListsMayChange => {
  const seen = createCache<{ readonly version: number; readonly facts: string }>({ max });
  return (event) => {
    const parsed = listing.safeParse(event.data);
    if (!parsed.success) return true;
    const { episodeId, programmeTitle, channel, status } = parsed.data;
    const facts = JSON.stringify([programmeTitle, channel, status]);
    const before = seen.get(String(episodeId));
    if (!before || before.version < event.version) seen.set(String(episodeId), { version: event.version, facts });
    return !(before && before.version === event.version - 1 && before.facts === facts);
  };
};

/**
 * The surrogate keys one update event makes stale, in the vocabulary the answers state (the
 * platform's own hrefs; see platform/http/surrogate-keys.ts):
 * - the resource itself (the event's `subject`) and its unfiltered collection;
 * - every availability answer about its episode, item or list (`/availability/episodes/{id}`),
 *   and every answer composed from them, which carries the same keys;
 * - a licence: its episode's licence list, and every availability list of its platform, since
 *   a grant or a window change can add the episode to lists that did not hold it, and any
 *   change of membership moves every later page;
 * - an episode: its programme's episode lists and, when its programme title, channel or status
 *   may have changed (`listsMayChange`), every availability list of every platform (they decide
 *   which lists hold it, and where); otherwise only the lists holding it, by its key above;
 * - a programme: its episode lists. Availability does not project programme events: a change
 *   its episodes show comes with a `catalogue.episode.revised` for each of them.
 * Guidance changes no list's membership, only the lists that hold the episode.
 */
export const keysForEvent = (event: EventEnvelope, listsMayChange: ListsMayChange = () => true): string[] => {
  const { episodeId, programmeId, platform } = facts.catch({}).parse(event.data ?? {});
  const keys = new Set<string>([event.subject]);
  const collection = collectionOf(event.subject);
  if (collection) keys.add(collection);
  if (episodeId) keys.add(`/availability/episodes/${episodeId}`);
  if (event.type.startsWith('licencing.licence.')) {
    if (episodeId) keys.add(`/licencing/licences?episode=${episodeId}`);
    keys.add(platform ? `/availability/episodes?platform=${platform}` : '/availability/episodes');
  }
  if (event.type.startsWith('catalogue.')) {
    if (programmeId) keys.add(`/catalogue/programmes/${programmeId}/episodes`);
    if (event.type.startsWith('catalogue.episode.') && listsMayChange(event)) keys.add('/availability/episodes');
  }
  return [...keys].filter(isSurrogateKey);
};
