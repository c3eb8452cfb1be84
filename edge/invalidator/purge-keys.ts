import { z } from 'zod';
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

/**
 * The surrogate keys one update event makes stale, in the vocabulary the answers state (the
 * platform's own hrefs; see platform/http/surrogate-keys.ts):
 * - the resource itself (the event's `subject`) and its unfiltered collection;
 * - every availability answer about its episode, item or list (`/availability/episodes/{id}`),
 *   and every answer composed from them, which carries the same keys;
 * - a licence: its episode's licence list, and every availability list of its platform, since
 *   a grant or a window change can add the episode to lists that did not hold it, and any
 *   change of membership moves every later page;
 * - an episode or a programme: its programme's episode lists, and every availability list of
 *   every platform (a title or channel decides which lists hold it, and where).
 * Guidance changes no list's membership, only the lists that hold the episode.
 */
export const keysForEvent = (event: EventEnvelope): string[] => {
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
    keys.add('/availability/episodes');
  }
  return [...keys].filter((key) => /^\/[^\s,]+$/.test(key));
};
