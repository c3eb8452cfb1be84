import type { EventEnvelope, NewEvent } from '#platform/messaging/event-envelope';
import type { Episode } from './episode.ts';
import type { Programme } from './programme.ts';

/** One page of a collection and how many items the whole collection holds. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

/** What one command changes: saved together, with its events, or not at all. */
export interface CatalogueChanges {
  readonly programmes?: readonly Programme[];
  readonly episodes?: readonly Episode[];
}

/** Where programmes and episodes live. One port, because a programme revision touches both. */
export interface CatalogueRepository {
  findProgramme(programmeId: number): Promise<Programme | undefined>;
  /** Programmes in id order; `title` keeps those whose title contains it, ignoring case (how editors find one). */
  listProgrammes(filter: { readonly channel?: string; readonly title?: string }, offset: number, limit: number): Promise<Page<Programme>>;
  findEpisode(episodeId: number): Promise<Episode | undefined>;
  /** Episodes in episode order, or in programme order (`orderInProgramme`) when filtered by programme. */
  listEpisodes(filter: { readonly programmeId?: number }, offset: number, limit: number): Promise<Page<Episode>>;
  /** Every episode of a programme, withdrawn ones included (a revision carries to all of them). */
  episodesOfProgramme(programmeId: number): Promise<Episode[]>;
  /**
   * Stores each resource if its stored version is still `version - 1` (0: none stored) and
   * appends `events` to the outbox, atomically. Keeps every episode's copy of its programme's
   * title and channel equal to the programme's: a save that would break that (a concurrent
   * revision) throws `stale-version`; an episode of a missing programme `unknown-programme`.
   */
  save(changes: CatalogueChanges, events: readonly NewEvent[]): Promise<EventEnvelope[]>;
}

/** The time, injected so tests decide it. */
export interface Clock {
  now(): Date;
}
