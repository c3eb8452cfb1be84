import type { Queryable } from '#platform/storage/database';
import { CatalogueError } from '../domain/catalogue-error.ts';
import type { Episode } from '../domain/episode.ts';
import type { Programme } from '../domain/programme.ts';
import { episodeParams } from './pg-catalogue-rows.ts';

/** Thrown when a guarded write finds another version stored: the caller re-reads and retries. */
export const stale = (noun: string) => new CatalogueError('stale-version', `The ${noun} changed since you read it.`);

/** Inserts the first version, or updates only on top of the version before `programme.version`. */
export const writeProgramme = async (tx: Queryable, p: Programme): Promise<void> => {
  const params = [p.programmeId, p.title, p.channel, p.synopsis, p.version];
  const { rows } =
    p.version === 1
      ? await tx.query(
          /* sql */ `INSERT INTO programmes (programme_id, title, channel, synopsis, version) VALUES ($1, $2, $3, $4, $5) RETURNING version`,
          params,
        )
      : await tx.query(
          /* sql */ `UPDATE programmes SET title = $2, channel = $3, synopsis = $4, version = $5, updated_at = now() WHERE programme_id = $1 AND version = $5 - 1 RETURNING version`,
          params,
        );
  if (rows.length === 0) throw stale('programme');
};

/**
 * Locks the episode's programme against revision (`FOR SHARE`) and checks the episode carries
 * its current title and channel, then writes the episode under its version guard. A programme
 * revision takes the same row first, so the two serialise and never deadlock.
 */
export const writeEpisode = async (tx: Queryable, e: Episode): Promise<void> => {
  const { rows: owners } = await tx.query<{ title: string; channel: string }>(
    /* sql */ `SELECT title, channel FROM programmes WHERE programme_id = $1 FOR SHARE`,
    [e.programmeId],
  );
  const owner = owners[0];
  if (!owner) throw new CatalogueError('unknown-programme', `Programme ${e.programmeId} is not in the catalogue.`);
  if (owner.title !== e.programmeTitle || owner.channel !== e.channel) throw stale('programme');
  const { rows } =
    e.version === 1
      ? await tx.query(
          /* sql */ `INSERT INTO episodes (episode_id, programme_id, programme_title, channel, title, synopsis, series_number, order_in_series, order_in_programme, duration_seconds, status, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING version`,
          episodeParams(e),
        )
      : await tx.query(
          /* sql */ `UPDATE episodes SET programme_id = $2, programme_title = $3, channel = $4, title = $5, synopsis = $6, series_number = $7, order_in_series = $8,
             order_in_programme = $9, duration_seconds = $10, status = $11, version = $12, updated_at = now() WHERE episode_id = $1 AND version = $12 - 1 RETURNING version`,
          episodeParams(e),
        );
  if (rows.length === 0) throw stale('episode');
};

/**
 * After a programme revision, no episode of it may still carry the old title or channel: one
 * published concurrently (after the revision read its episodes) makes the revision stale.
 */
export const assertEpisodesCarry = async (tx: Queryable, p: Programme): Promise<void> => {
  const { rows } = await tx.query<{ n: number }>(
    /* sql */ `SELECT count(*)::int AS n FROM episodes WHERE programme_id = $1 AND (programme_title <> $2 OR channel <> $3)`,
    [p.programmeId, p.title, p.channel],
  );
  if ((rows[0]?.n ?? 0) > 0) throw stale('programme');
};
