import { commitChange } from '#platform/outbox/commit-change';
import { queryPage, type Database } from '#platform/storage/database';
import type { EpisodeGuidance } from '../domain/episode-guidance.ts';
import { GuidanceError } from '../domain/guidance-error.ts';
import type { GuidanceRepository } from '../domain/ports.ts';

interface Row {
  episode_id: number;
  restricted: boolean;
  message: string | null;
  version: number;
}

const fromRow = (row: Row): EpisodeGuidance => ({
  episodeId: Number(row.episode_id),
  restricted: row.restricted,
  message: row.message,
  version: row.version,
});

const stale = () => new GuidanceError('stale-version', 'The guidance changed since you read it.');

/**
 * Guidance in PostgreSQL or PGlite (same SQL). A save is one transaction: an insert (first
 * version) or an update guarded by the expected version, plus the outbox append.
 */
export const createPgGuidanceRepository = (db: Database, onCommitted: () => void = () => undefined): GuidanceRepository => ({
  async find(episodeId) {
    const { rows } = await db.query<Row>(
      /* sql */ `SELECT episode_id, restricted, message, version FROM episode_guidance WHERE episode_id = $1`,
      [episodeId],
    );
    return rows[0] && fromRow(rows[0]);
  },
  async list(offset, limit) {
    return queryPage(
      db,
      {
        select: /* sql */ `SELECT episode_id, restricted, message, version FROM episode_guidance ORDER BY episode_id LIMIT $1 OFFSET $2`,
        count: /* sql */ `SELECT count(*)::int AS n FROM episode_guidance`,
        params: [],
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
        const params = [next.episodeId, next.restricted, next.message, next.version];
        const { rows } =
          next.version === 1
            ? await tx.query(
                /* sql */ `INSERT INTO episode_guidance (episode_id, restricted, message, version) VALUES ($1, $2, $3, $4) RETURNING version`,
                params,
              )
            : await tx.query(
                /* sql */ `UPDATE episode_guidance SET restricted = $2, message = $3, version = $4, updated_at = now() WHERE episode_id = $1 AND version = $4 - 1 RETURNING version`,
                params,
              );
        return rows.length > 0;
      },
    }),
});
