import { commitChange } from '#platform/outbox/commit-change';
import { queryPage, type Database } from '#platform/storage/database';
import type { CatalogueRepository } from '../domain/ports.ts';
import {
  EPISODE_COLUMNS,
  PROGRAMME_COLUMNS,
  episodeFromRow,
  programmeFromRow,
  type EpisodeRow,
  type ProgrammeRow,
} from './pg-catalogue-rows.ts';
import { assertEpisodesCarry, stale, writeEpisode, writeProgramme } from './pg-catalogue-save.ts';

/**
 * Programmes and episodes in PostgreSQL or PGlite (same SQL). A save is one transaction:
 * programmes, then episodes, each under its version guard, then the outbox append; `onCommitted`
 * runs after the commit (the service clears its read cache and wakes the relay there).
 */
export const createPgCatalogueRepository = (db: Database, onCommitted: () => void = () => undefined): CatalogueRepository => ({
  async findProgramme(programmeId) {
    const { rows } = await db.query<ProgrammeRow>(/* sql */ `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE programme_id = $1`, [
      programmeId,
    ]);
    return rows[0] && programmeFromRow(rows[0]);
  },
  async listProgrammes({ channel, title }, offset, limit) {
    const where = /* sql */ `WHERE ($1::text IS NULL OR channel = $1) AND ($2::text IS NULL OR strpos(lower(title), lower($2)) > 0)`;
    return queryPage(
      db,
      {
        select: /* sql */ `SELECT ${PROGRAMME_COLUMNS} FROM programmes ${where} ORDER BY programme_id LIMIT $3 OFFSET $4`,
        count: /* sql */ `SELECT count(*)::int AS n FROM programmes ${where}`,
        params: [channel ?? null, title ?? null],
        offset,
        limit,
      },
      programmeFromRow,
    );
  },
  async findEpisode(episodeId) {
    const { rows } = await db.query<EpisodeRow>(/* sql */ `SELECT ${EPISODE_COLUMNS} FROM episodes WHERE episode_id = $1`, [episodeId]);
    return rows[0] && episodeFromRow(rows[0]);
  },
  async listEpisodes({ programmeId }, offset, limit) {
    const where = /* sql */ `WHERE ($1::bigint IS NULL OR programme_id = $1)`;
    const order = programmeId === undefined ? /* sql */ `episode_id` : /* sql */ `order_in_programme, episode_id`;
    return queryPage(
      db,
      {
        select: /* sql */ `SELECT ${EPISODE_COLUMNS} FROM episodes ${where} ORDER BY ${order} LIMIT $2 OFFSET $3`,
        count: /* sql */ `SELECT count(*)::int AS n FROM episodes ${where}`,
        params: [programmeId ?? null],
        offset,
        limit,
      },
      episodeFromRow,
    );
  },
  async episodesOfProgramme(programmeId) {
    const { rows } = await db.query<EpisodeRow>(
      /* sql */ `SELECT ${EPISODE_COLUMNS} FROM episodes WHERE programme_id = $1 ORDER BY order_in_programme, episode_id`,
      [programmeId],
    );
    return rows.map(episodeFromRow);
  },
  save: (changes, events) =>
    commitChange(db, {
      events,
      onCommitted,
      stale: () => stale('catalogue entry'),
      write: async (tx) => {
        for (const programme of changes.programmes ?? []) await writeProgramme(tx, programme);
        for (const episode of changes.episodes ?? []) await writeEpisode(tx, episode);
        for (const programme of changes.programmes ?? []) if (programme.version > 1) await assertEpisodesCarry(tx, programme);
        return true;
      },
    }),
});
