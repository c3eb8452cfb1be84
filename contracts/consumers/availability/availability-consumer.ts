import { topicMatches } from '#platform/messaging/event-bus';
import { createProjector } from '../../../services/availability/consumers/projector.ts';
import { AVAILABILITY_SUBSCRIPTION_PATTERNS } from '../../../services/availability/consumers/subscribe-availability-consumers.ts';
import { projectEvent } from '../../../services/availability/consumers/project-event.ts';
import { createFeedClient } from '../../../services/availability/feeds/feed-client.ts';
import { readFeed } from '../../../services/availability/feeds/read-feed.ts';
import type { Source } from '../../../services/availability/domain/sources.ts';
import { createInMemoryAvailabilityStore } from '../../../services/availability/store/in-memory-availability-store.ts';

/**
 * Hands one message to availability exactly as its bus subscription would: the routing key
 * must be one it binds, and the real projector must turn the event into a projection write
 * and apply it. Resolves with the episode as projected; throws where the real consumer would.
 */
export const consumeMessage = async (content: unknown, routingKey: string) => {
  if (!AVAILABILITY_SUBSCRIPTION_PATTERNS.some((p) => topicMatches(p, routingKey)))
    throw new Error(`availability binds no pattern matching ${routingKey}`);
  const { event, write } = projectEvent(content);
  if (event.type !== routingKey) throw new Error(`routing key ${routingKey} differs from the event's type ${event.type}`);
  if (!write) throw new Error(`availability does not handle ${event.type}`);
  const store = createInMemoryAvailabilityStore();
  await createProjector({ store, clock: () => new Date() }).applyLive([content]);
  const episode = await store.getEpisode(write.episodeId);
  if (!episode) throw new Error(`the projection holds no episode ${write.episodeId} after ${event.type}`);
  return episode;
};

/**
 * Reads one source's feed from the start with availability's own feed client and feed reader,
 * applying the pages with the real projector. Resolves with what was read and the store.
 */
export const readWholeFeed = async (source: Source, baseUrl: string) => {
  const readPage = createFeedClient({ catalogue: baseUrl, guidance: baseUrl, licencing: baseUrl });
  const store = createInMemoryAvailabilityStore();
  const projector = createProjector({ store, clock: () => new Date() });
  const read = await readFeed({ source, after: 0, readPage, applyPage: (events) => projector.applyFeedPage(events) });
  return { ...read, store };
};

/** A message as Pact hands it to a consumer test: the body and its metadata. */
export interface DeliveredMessage {
  readonly contents: { readonly content: unknown };
  readonly metadata: Record<string, unknown>;
}

/** consumeMessage for a Pact message, with its routing key taken from the metadata. */
export const consumeDelivered = (m: DeliveredMessage) => consumeMessage(m.contents.content, String(m.metadata.routingKey));
