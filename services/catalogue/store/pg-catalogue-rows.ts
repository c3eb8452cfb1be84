import type { Episode, EpisodeStatus } from '../domain/episode.ts';
import type { Programme } from '../domain/programme.ts';

/** A `programmes` row as both drivers return it. */
export interface ProgrammeRow {
  programme_id: number;
  title: string;
  channel: string;
  synopsis: string;
  version: number;
}

/** An `episodes` row as both drivers return it. */
export interface EpisodeRow {
  episode_id: number;
  programme_id: number;
  programme_title: string;
  channel: string;
  title: string;
  synopsis: string;
  series_number: number;
  order_in_series: number;
  order_in_programme: number;
  duration_seconds: number;
  status: EpisodeStatus;
  version: number;
}

export const PROGRAMME_COLUMNS = /* sql */ `programme_id, title, channel, synopsis, version`;
export const EPISODE_COLUMNS = /* sql */ `episode_id, programme_id, programme_title, channel, title, synopsis, series_number, order_in_series, order_in_programme, duration_seconds, status, version`;

/** Maps a row to the domain type; ids are bigint in SQL and plain numbers in the domain. */
export const programmeFromRow = (row: ProgrammeRow): Programme => ({
  programmeId: Number(row.programme_id),
  title: row.title,
  channel: row.channel,
  synopsis: row.synopsis,
  version: row.version,
});

export const episodeFromRow = (row: EpisodeRow): Episode => ({
  episodeId: Number(row.episode_id),
  programmeId: Number(row.programme_id),
  programmeTitle: row.programme_title,
  channel: row.channel,
  title: row.title,
  synopsis: row.synopsis,
  seriesNumber: row.series_number,
  orderInSeries: row.order_in_series,
  orderInProgramme: row.order_in_programme,
  durationSeconds: row.duration_seconds,
  status: row.status,
  version: row.version,
});

/** The parameters of the episode insert and update, in `$1 ... $12` order. */
export const episodeParams = (e: Episode): unknown[] => [
  e.episodeId,
  e.programmeId,
  e.programmeTitle,
  e.channel,
  e.title,
  e.synopsis,
  e.seriesNumber,
  e.orderInSeries,
  e.orderInProgramme,
  e.durationSeconds,
  e.status,
  e.version,
];
