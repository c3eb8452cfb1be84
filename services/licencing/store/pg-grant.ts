import { appendEvents } from '#platform/outbox/outbox';
import type { Database, Queryable } from '#platform/storage/database';
import type { NewEvent } from '#platform/messaging/event-envelope';
import type { Licence } from '../domain/licence.ts';
import type { GrantKey, GrantOutcome } from '../domain/ports.ts';

/**
 * Grants take this lock one at a time, so two double-clicked grants cannot both see "no licence
 * yet". PostgreSQL only: PGlite has one connection and runs one transaction at a time already.
 */
const GRANT_LOCK = /* sql */ `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.licence-grant'))`;

const outcomeOf = async (
  tx: Queryable,
  licence: Licence,
  key: GrantKey | undefined,
  find: (tx: Queryable, id: string) => Promise<Licence | undefined>,
): Promise<GrantOutcome | undefined> => {
  if (key) {
    const { rows } = await tx.query<{ fingerprint: string; licence_id: string }>(
      /* sql */ `SELECT fingerprint, licence_id::text AS licence_id FROM grant_keys WHERE idempotency_key = $1`,
      [key.key],
    );
    const used = rows[0];
    if (used && used.fingerprint !== key.fingerprint) return { kind: 'key-reused', licenceId: used.licence_id };
    if (used) return { kind: 'replayed', licence: (await find(tx, used.licence_id))! };
  }
  const { rows } = await tx.query<{ licence_id: string }>(
    /* sql */ `SELECT licence_id::text AS licence_id FROM licences
      WHERE episode_id = $1 AND platform = $2 AND start_date = $3 AND end_date = $4 AND status = 'active' LIMIT 1`,
    [licence.episodeId, licence.platform, licence.startDate, licence.endDate],
  );
  return rows[0] ? { kind: 'identical', existing: (await find(tx, rows[0].licence_id))! } : undefined;
};

/**
 * One grant as one transaction: under the grant lock, a used key answers its first outcome
 * (or that it was used with another command), an identical active licence is reported, and
 * otherwise the licence, its key and its events are written together.
 */
export const pgGrant = async (
  db: Database,
  find: (tx: Queryable, id: string) => Promise<Licence | undefined>,
  onCommitted: () => void,
  licence: Licence,
  events: readonly NewEvent[],
  key?: GrantKey,
): Promise<GrantOutcome> => {
  const outcome = await db.transaction(async (tx): Promise<GrantOutcome> => {
    if (db.kind === 'postgres') await tx.query(GRANT_LOCK);
    const found = await outcomeOf(tx, licence, key, find);
    if (found) return found;
    await tx.query(
      /* sql */ `INSERT INTO licences (licence_id, episode_id, platform, start_date, end_date, status, version) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [licence.licenceId, licence.episodeId, licence.platform, licence.startDate, licence.endDate, licence.status, licence.version],
    );
    if (key)
      await tx.query(/* sql */ `INSERT INTO grant_keys (idempotency_key, fingerprint, licence_id) VALUES ($1, $2, $3)`, [
        key.key,
        key.fingerprint,
        licence.licenceId,
      ]);
    await appendEvents(tx, db.kind, events);
    return { kind: 'granted', licence };
  });
  if (outcome.kind === 'granted') onCommitted();
  return outcome;
};
