import type { EventEnvelope, NewEvent } from '../messaging/event-envelope.ts';
import { isUniqueViolation, type Database, type Queryable } from '../storage/database.ts';
import { appendEvents } from './outbox.ts';

export interface Change {
  /**
   * Writes the new state with its optimistic guard (an insert for version 1, an update `WHERE
   * version = expected` otherwise). Returns false, or throws a unique violation, when another
   * writer got there first.
   */
  readonly write: (tx: Queryable) => Promise<boolean>;
  readonly events: readonly NewEvent[];
  /** Runs after the commit: clear read caches, wake the outbox relay. */
  readonly onCommitted: () => void;
  /** The domain's stale-version error, thrown when the guard did not hold. */
  readonly stale: () => Error;
}

/**
 * Commits one state change and its events in one transaction, the transactional outbox every
 * domain repository uses: the state and the events commit together or not at all, and a lost
 * race (a guard that matched no row, or a duplicate insert) becomes the domain's stale error.
 */
export const commitChange = async (db: Database, { write, events, onCommitted, stale }: Change): Promise<EventEnvelope[]> => {
  try {
    const appended = await db.transaction(async (tx) => {
      if (!(await write(tx))) throw stale();
      return appendEvents(tx, db.kind, events);
    });
    onCommitted();
    return appended;
  } catch (error) {
    if (isUniqueViolation(error)) throw stale();
    throw error;
  }
};
