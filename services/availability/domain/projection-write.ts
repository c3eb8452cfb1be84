import type { EpisodeDocument } from './episode-projection.ts';

/** A MongoDB filter document, built by this service from validated values only. */
export type Filter = Record<string, unknown>;
/** A MongoDB update: operator document or aggregation pipeline. */
export type Update = Record<string, unknown> | Record<string, unknown>[];

/**
 * One event turned into a version-guarded MongoDB update of one episode document. Both store
 * adapters run exactly these documents (the driver, or mingo in memory): when the guard does
 * not match because a newer version is held, the write changes nothing.
 */
export interface ProjectionWrite {
  readonly episodeId: number;
  readonly filter: Filter;
  readonly update: Update;
}

/** Matches the episode when `path` is absent or lower than `version`. */
export const olderThan = (path: string, version: number): Filter => ({ [path]: { $not: { $gte: version } } });

export type { EpisodeDocument };
