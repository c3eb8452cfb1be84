import type { EpisodeDocument } from './episode-projection.ts';
import type { EpisodeQuery } from './episode-query.ts';
import type { ProjectionWrite } from './projection-write.ts';
import type { Source, SourcePosition } from './sources.ts';
import type { GroupCount } from './text.ts';

/**
 * One page of a query: the documents shown, how many match in all, how many of them each A to
 * Z group holds (when the query asks), and the next window edge that may change the answer: the
 * next among the matches, or an earlier one (among the platform's or channel's listings) where
 * the store knows no closer bound without visiting the matches.
 */
export interface EpisodePage {
  readonly items: readonly EpisodeDocument[];
  readonly total: number;
  readonly groups?: readonly GroupCount[];
  readonly nextBoundary: Date | null;
}

/** What one event moved in a source's log, recorded with the writes it caused. */
export interface PositionUpdate {
  readonly source: Source;
  readonly position: number;
  readonly time: string;
  readonly appliedAt: string;
  /** True when read in order from the feed, so the checkpoint may advance to it. */
  readonly fromFeed: boolean;
}

/** Sizes reported by `GET /availability/status`. */
export interface StoreCounts {
  readonly episodes: number;
  readonly listedEpisodes: number;
  readonly licences: number;
}

/**
 * The projection's port. Adapters (MongoDB, the embedded in-memory store) apply the same
 * writes, each in its own form, proven by one contract suite; writes are version-guarded so
 * they may be repeated or arrive out of order.
 */
export interface AvailabilityStore {
  /** Applies writes in order (bulk where the adapter can), then records the positions. */
  apply(writes: readonly ProjectionWrite[], positions?: readonly PositionUpdate[]): Promise<void>;
  findEpisodes(query: EpisodeQuery): Promise<EpisodePage>;
  getEpisode(episodeId: number): Promise<EpisodeDocument | undefined>;
  positions(): Promise<Record<Source, SourcePosition>>;
  counts(): Promise<StoreCounts>;
  /**
   * An empty store to rebuild into. Queries keep reading this store until `commit`, which
   * replaces its contents with the staging store's in one step; `abort` drops the staging data.
   */
  beginRebuild(): Promise<StagingStore>;
  close(): Promise<void>;
}

/** A store being rebuilt: written like any store, then committed over its parent or aborted. */
export interface StagingStore extends AvailabilityStore {
  commit(): Promise<void>;
  abort(): Promise<void>;
}
