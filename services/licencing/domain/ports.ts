import type { EventEnvelope, NewEvent } from '../../../platform/messaging/event-envelope.ts';
import type { Licence } from './licence.ts';

/** What a licence query may be narrowed to; both filters are optional and combine with AND. */
export interface LicenceFilter {
  readonly episodeId?: number;
  readonly platform?: string;
}

/** Where licences live. `save` is atomic: the state and its events commit together or not at all. */
export interface LicenceRepository {
  find(licenceId: string): Promise<Licence | undefined>;
  /** Matching licences ordered by startDate, then licenceId, so pages never shuffle. */
  list(filter: LicenceFilter, offset: number, limit: number): Promise<{ items: Licence[]; total: number }>;
  /**
   * Stores `next` if the stored version is still `next.version - 1` (0: none stored) and
   * appends `events` to the outbox; throws a `stale-version` LicencingError otherwise.
   */
  save(next: Licence, events: readonly NewEvent[]): Promise<EventEnvelope[]>;
}

/** The time, injected so tests decide it. */
export interface Clock {
  now(): Date;
}

/** New licence ids, injected so tests can name them. */
export type NewLicenceId = () => string;
