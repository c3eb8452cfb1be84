import type { EventEnvelope, NewEvent } from '#platform/messaging/event-envelope';
import type { Licence } from './licence.ts';

/** What a licence query may be narrowed to; both filters are optional and combine with AND. */
export interface LicenceFilter {
  readonly episodeId?: number;
  readonly platform?: string;
}

/** A grant's `Idempotency-Key` and the fingerprint of the command it came with. */
export interface GrantKey {
  readonly key: string;
  readonly fingerprint: string;
}

/**
 * What a grant found when it tried to store a new licence, decided atomically with the insert:
 * stored; a replay of a key already used with the same command (nothing stored); a key already
 * used with another command; or an identical active licence already there (nothing stored).
 */
export type GrantOutcome =
  | { readonly kind: 'granted'; readonly licence: Licence }
  | { readonly kind: 'replayed'; readonly licence: Licence }
  | { readonly kind: 'key-reused'; readonly licenceId: string }
  | { readonly kind: 'identical'; readonly existing: Licence };

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
  /**
   * Stores a new licence (version 1) with its events and, when given, its grant key, in one
   * transaction that grants on the same episode and platform take one at a time, unless the key
   * was used before or an active licence with the same window exists (see GrantOutcome).
   */
  grant(licence: Licence, events: readonly NewEvent[], key?: GrantKey): Promise<GrantOutcome>;
}

/** The time, injected so tests decide it. */
export interface Clock {
  now(): Date;
}

/** New licence ids, injected so tests can name them. */
export type NewLicenceId = () => string;
