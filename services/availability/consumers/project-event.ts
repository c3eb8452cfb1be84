import { eventEnvelopeSchema, type EventEnvelope } from '#platform/messaging/event-envelope';
import { topicMatches } from '#platform/messaging/event-bus';
import type { ProjectionWrite } from '../domain/projection-write.ts';
import { EPISODE_PATTERNS, updateAvailabilityOnEpisodeChanged } from './update-availability-on-episode-changed.ts';
import { GUIDANCE_PATTERNS, updateAvailabilityOnGuidanceSet } from './update-availability-on-guidance-set.ts';
import { LICENCE_PATTERNS, updateAvailabilityOnLicenceChanged } from './update-availability-on-licence-changed.ts';

const handlers: readonly { patterns: readonly string[]; toWrite: (event: EventEnvelope) => ProjectionWrite }[] = [
  { patterns: EPISODE_PATTERNS, toWrite: updateAvailabilityOnEpisodeChanged },
  { patterns: GUIDANCE_PATTERNS, toWrite: updateAvailabilityOnGuidanceSet },
  { patterns: LICENCE_PATTERNS, toWrite: updateAvailabilityOnLicenceChanged },
];

/** Every routing-key pattern the aggregator subscribes to. */
export const AVAILABILITY_PATTERNS: readonly string[] = handlers.flatMap((h) => h.patterns);

/**
 * The write one event causes, or undefined for an event the projection does not use (feeds
 * carry every event of a service, e.g. programme changes). Envelope and payload are validated
 * here; invalid input throws so that a bus dead-letters it and a feed read stops loudly.
 */
export const projectEvent = (raw: unknown): { event: EventEnvelope; write: ProjectionWrite | undefined } => {
  const event = eventEnvelopeSchema.parse(raw) as EventEnvelope;
  const handler = handlers.find((h) => h.patterns.some((p) => topicMatches(p, event.type)));
  return { event, write: handler?.toWrite(event) };
};
