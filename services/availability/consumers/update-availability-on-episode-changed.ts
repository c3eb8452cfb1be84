import { applyEpisode } from '../domain/apply-episode.ts';
import { episodeDataSchema } from '../domain/event-payloads.ts';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import type { ProjectionWrite } from '../domain/projection-write.ts';

/** Routing keys of the catalogue's episode events; programme changes arrive as episode revisions. */
export const EPISODE_PATTERNS = ['catalogue.episode.*'] as const;

/**
 * Turns `catalogue.episode.published|revised|withdrawn` into its projection write. The payload
 * is validated here, at the edge: an invalid one throws, so the bus retries and dead-letters it.
 */
export const updateAvailabilityOnEpisodeChanged = (event: EventEnvelope): ProjectionWrite =>
  applyEpisode(episodeDataSchema.parse(event.data), event.version);
