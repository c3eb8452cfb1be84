import { commitChange } from '#platform/outbox/commit-change';
import { queryPage, type Database, type Queryable } from '#platform/storage/database';
import type { Licence, LicenceStatus } from '../domain/licence.ts';
import { LicencingError } from '../domain/licencing-error.ts';
import type { LicenceFilter, LicenceRepository } from '../domain/ports.ts';
import { pgGrant } from './pg-grant.ts';

interface Row {
  licence_id: string;
  episode_id: number | string;
  platform: string;
  start_date: string;
  end_date: string;
  status: LicenceStatus;
  version: number;
}

const utc = (column: string) => /* sql */ `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const COLUMNS = /* sql */ `licence_id::text AS licence_id, episode_id, platform, ${utc('start_date')} AS start_date, ${utc('end_date')} AS end_date, status, version`;

const fromRow = (row: Row): Licence => ({
  licenceId: row.licence_id,
  episodeId: Number(row.episode_id),
  platform: row.platform,
  startDate: row.start_date,
  endDate: row.end_date,
  status: row.status,
  version: row.version,
});

/** The WHERE clause of a filter, with its parameters numbered from `$1`; only set filters apply. */
const where = (filter: LicenceFilter): { sql: string; params: unknown[] } => {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.episodeId !== undefined) conditions.push(`episode_id = $${params.push(filter.episodeId)}`);
  if (filter.platform !== undefined) conditions.push(`platform = $${params.push(filter.platform)}`);
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
};

const stale = () => new LicencingError('stale-version', 'The licence changed since you read it.');

/**
 * Licences in PostgreSQL or PGlite (same SQL). Instants are `timestamptz` (so windows compare
 * as time, not text) and are rendered back in UTC to the second. A save is one transaction: an
 * insert (version 1) or an update guarded by the expected version, plus the outbox append;
 * `onCommitted` runs after each commit (read-cache clearing, relay wake-up).
 */
const findIn = async (db: Queryable, licenceId: string): Promise<Licence | undefined> => {
  const { rows } = await db.query<Row>(/* sql */ `SELECT ${COLUMNS} FROM licences WHERE licence_id = $1`, [licenceId]);
  return rows[0] && fromRow(rows[0]);
};

export const createPgLicenceRepository = (db: Database, onCommitted: () => void = () => undefined): LicenceRepository => ({
  find: (licenceId) => findIn(db, licenceId),
  grant: (licence, events, key) => pgGrant(db, findIn, onCommitted, licence, events, key),
  async list(filter, offset, limit) {
    const { sql, params } = where(filter);
    const n = params.length;
    return queryPage(
      db,
      {
        select: /* sql */ `SELECT ${COLUMNS} FROM licences ${sql} ORDER BY start_date, licence_id LIMIT $${n + 1} OFFSET $${n + 2}`,
        count: /* sql */ `SELECT count(*)::int AS n FROM licences ${sql}`,
        params,
        offset,
        limit,
      },
      fromRow,
    );
  },
  save: (next, events) =>
    commitChange(db, {
      events,
      onCommitted,
      stale,
      write: async (tx) => {
        const params = [next.licenceId, next.episodeId, next.platform, next.startDate, next.endDate, next.status, next.version];
        const { rows } =
          next.version === 1
            ? await tx.query(
                /* sql */ `INSERT INTO licences (licence_id, episode_id, platform, start_date, end_date, status, version) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING version`,
                params,
              )
            : await tx.query(
                /* sql */ `UPDATE licences SET start_date = $4, end_date = $5, status = $6, version = $7, updated_at = now()
                    WHERE licence_id = $1 AND episode_id = $2 AND platform = $3 AND version = $7 - 1 RETURNING version`,
                params,
              );
        return rows.length > 0;
      },
    }),
});
