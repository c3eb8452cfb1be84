import type { EventEnvelope, NewEvent } from '#platform/messaging/event-envelope';
import type { EpisodeGuidance } from './episode-guidance.ts';

/** Where guidance lives. `save` is atomic: the state and its events commit together or not at all. */
export interface GuidanceRepository {
  find(episodeId: number): Promise<EpisodeGuidance | undefined>;
  list(offset: number, limit: number): Promise<{ items: EpisodeGuidance[]; total: number }>;
  /**
   * Stores `next` if the stored version is still `next.version - 1` (0: none stored) and
   * appends `events` to the outbox; throws a `stale-version` GuidanceError otherwise.
   */
  save(next: EpisodeGuidance, events: readonly NewEvent[]): Promise<EventEnvelope[]>;
}

/** The time, injected so tests decide it. */
export interface Clock {
  now(): Date;
}
