import type { EpisodeDocument } from './episode-projection.ts';

/** A MongoDB filter document, built by this service from validated values only. */
export type Filter = Record<string, unknown>;
/** A MongoDB update: operator document or aggregation pipeline. */
export type Update = Record<string, unknown> | Record<string, unknown>[];

/**
 * One event turned into a version-guarded change of one episode document, in two equivalent
 * forms: the MongoDB filter and update the MongoDB adapter runs, and the same change as a pure
 * function the embedded store runs on the document it holds (building and interpreting a mingo
 * update per event cost ~500 µs; the function costs about a microsecond). When the guard does
 * not match because a newer version is held, the write changes nothing. A property test checks
 * that both forms agree.
 */
export interface ProjectionWrite {
  readonly episodeId: number;
  readonly filter: Filter;
  readonly update: Update;
  /** The new document, or undefined when the guard does not match (a duplicate or older event). */
  readonly applyTo: (doc: EpisodeDocument) => EpisodeDocument | undefined;
}

/** Whether a held version is at least `version`, so that an event carrying it changes nothing. */
export const holdsAtLeast = (held: number | undefined, version: number): boolean => held !== undefined && held >= version;

/** Matches the episode when `path` is absent or lower than `version`. */
export const olderThan = (path: string, version: number): Filter => ({ [path]: { $not: { $gte: version } } });

export type { EpisodeDocument };
