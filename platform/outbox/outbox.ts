import type { EventEnvelope, NewEvent } from '../messaging/event-envelope.ts';
import type { Database, Queryable } from '../storage/database.ts';
import type { Migration } from '../storage/migrate.ts';

/** The outbox table's migration; every service lists it among its own. */
export const outboxMigration: Migration = {
  name: '000-create-outbox',
  file: new URL('./migrations/001-create-outbox.sql', import.meta.url),
};

/** Lets one resource's history be read from the feed (`?subject=`) without scanning the log. */
export const outboxSubjectMigration: Migration = {
  name: '000-index-outbox-by-subject',
  file: new URL('./migrations/002-index-outbox-by-subject.sql', import.meta.url),
};

interface OutboxRow {
  position: number;
  envelope: NewEvent;
}

const positioned = (row: OutboxRow): EventEnvelope => ({ ...row.envelope, position: row.position });

/**
 * Takes the append lock and inserts every event in one statement. The lock is held until the
 * commit, so each client round trip inside it caps how many transactions per second a service
 * can commit; one statement instead of one for the lock and one per event keeps that hold to
 * the insert and the commit. Every inserted row is joined with the lock's row, so the lock is
 * taken before the first position is drawn; positions are drawn in the events' order.
 */
const lockAndInsert = /* sql */ `
  WITH appender AS MATERIALIZED (SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox-append')))
  INSERT INTO outbox (id, type, subject, envelope)
  SELECT e.id, e.type, e.subject, e.envelope
  FROM appender, unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS e(id, type, subject, envelope, n)
  ORDER BY e.n
  RETURNING position`;

/**
 * Appends events inside the caller's transaction, so they commit (or not) with the state change.
 * A transaction-scoped advisory lock serialises appenders: positions then become visible in
 * commit order, so a feed reader resuming `after` a position can never skip a late commit.
 */
export const appendEvents = async (tx: Queryable, kind: Database['kind'], events: readonly NewEvent[]): Promise<EventEnvelope[]> => {
  if (events.length === 0) return [];
  if (kind === 'postgres') {
    const { rows } = await tx.query<{ position: number }>(lockAndInsert, [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.subject),
      events.map((e) => JSON.stringify(e)),
    ]);
    const positions = rows.map((row) => row.position).sort((a, b) => a - b);
    return events.map((event, i) => ({ ...event, position: positions[i]! }));
  }
  const appended: EventEnvelope[] = [];
  for (const event of events) {
    const { rows } = await tx.query<{ position: number }>(
      /* sql */ `INSERT INTO outbox (id, type, subject, envelope) VALUES ($1, $2, $3, $4) RETURNING position`,
      [event.id, event.type, event.subject, JSON.stringify(event)],
    );
    appended.push({ ...event, position: rows[0]!.position });
  }
  return appended;
};

/**
 * Reads the service's ordered event log after `after`, for the `/events` feed and rebuilds;
 * with `subject`, only that resource's events (its edit history).
 */
export const readEvents = async (db: Queryable, after: number, limit: number, subject?: string): Promise<EventEnvelope[]> => {
  const { rows } =
    subject === undefined
      ? await db.query<OutboxRow>(/* sql */ `SELECT position, envelope FROM outbox WHERE position > $1 ORDER BY position LIMIT $2`, [
          after,
          limit,
        ])
      : await db.query<OutboxRow>(
          /* sql */ `SELECT position, envelope FROM outbox WHERE subject = $3 AND position > $1 ORDER BY position LIMIT $2`,
          [after, limit, subject],
        );
  return rows.map(positioned);
};

/** The last position written (0 for an empty log). */
export const headPosition = async (db: Queryable): Promise<number> => {
  const { rows } = await db.query<{ head: number | null }>(/* sql */ `SELECT max(position) AS head FROM outbox`);
  return rows[0]?.head ?? 0;
};

/** How many committed events the relay has not yet had confirmed by the bus. */
export const outboxBacklog = async (db: Queryable): Promise<number> => {
  const { rows } = await db.query<{ n: number }>(/* sql */ `SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`);
  return rows[0]?.n ?? 0;
};

/**
 * Claims up to `limit` unsent events in position order for the relay. Only the holder of the
 * service's relay lock may claim, so two relays never interleave and per-resource order holds;
 * `null` means another relay holds it.
 */
export const claimUnsent = async (tx: Queryable, kind: Database['kind'], limit: number): Promise<EventEnvelope[] | null> => {
  if (kind === 'postgres') {
    const { rows } = await tx.query<{ locked: boolean }>(
      /* sql */ `SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay')) AS locked`,
    );
    if (!rows[0]?.locked) return null;
  }
  return claimUnsentAfter(tx, 0, limit);
};

/**
 * Claims the next unsent events after `after`, in the transaction that already holds the relay
 * lock (`claimUnsent`): the relay asks for the next batch while the bus confirms the current one,
 * whose rows are not marked sent yet.
 */
export const claimUnsentAfter = async (tx: Queryable, after: number, limit: number): Promise<EventEnvelope[]> => {
  const { rows } = await tx.query<OutboxRow>(
    /* sql */ `SELECT position, envelope FROM outbox WHERE sent_at IS NULL AND position > $1 ORDER BY position LIMIT $2 FOR UPDATE`,
    [after, limit],
  );
  return rows.map(positioned);
};

/** Marks events sent once the bus confirmed them. */
export const markSent = async (tx: Queryable, positions: readonly number[]): Promise<void> => {
  if (positions.length === 0) return;
  await tx.query(/* sql */ `UPDATE outbox SET sent_at = now() WHERE position = ANY($1::bigint[])`, [positions]);
};
