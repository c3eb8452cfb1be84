import type { AvailabilityStore, PositionUpdate, StagingStore, StoreCounts } from '../domain/availability-store.ts';
import { emptyEpisode, type EpisodeDocument } from '../domain/episode-projection.ts';
import type { ProjectionWrite } from '../domain/projection-write.ts';
import { SOURCES, advancePosition, initialPosition, type Source, type SourcePosition } from '../domain/sources.ts';
import { createEpisodeIndex, type EpisodeIndex } from './in-memory-episode-index.ts';
import { findInIndex } from './in-memory-episode-query.ts';

interface State {
  readonly docs: Map<number, EpisodeDocument>;
  readonly positions: Map<Source, SourcePosition>;
  readonly index: EpisodeIndex;
  /** Kept up to date by every write, so that the status page does not visit every document. */
  counts: { listedEpisodes: number; licences: number };
}

const emptyState = (): State => ({
  docs: new Map(),
  positions: new Map(SOURCES.map((s) => [s, initialPosition(s)])),
  index: createEpisodeIndex(),
  counts: { listedEpisodes: 0, licences: 0 },
});

/** What one document adds to the counts `GET /availability/status` reports. */
const countsOf = (doc: EpisodeDocument | undefined) => {
  const licences = doc ? doc.licences.reduce((n, l) => n + (l.active ? 1 : 0), 0) : 0;
  return { licences, listedEpisodes: doc?.published && licences > 0 ? 1 : 0 };
};

/**
 * Runs one version-guarded write as the pure function it carries (the same change as its
 * MongoDB update document); an unmatched guard leaves the document as it was. Documents are
 * replaced, never mutated, so a page being answered keeps a consistent view of each.
 */
const applyWrite = (state: State, write: ProjectionWrite): void => {
  const current = state.docs.get(write.episodeId);
  const next = write.applyTo(current ?? emptyEpisode(write.episodeId));
  if (next === undefined) return;
  const before = countsOf(current);
  const after = countsOf(next);
  state.counts.licences += after.licences - before.licences;
  state.counts.listedEpisodes += after.listedEpisodes - before.listedEpisodes;
  state.docs.set(write.episodeId, next);
  state.index.changed(next);
};

const storeOver = (holder: { state: State }): AvailabilityStore => ({
  async apply(writes: readonly ProjectionWrite[], positions: readonly PositionUpdate[] = []) {
    const { state } = holder;
    for (const write of writes) applyWrite(state, write);
    for (const update of positions) state.positions.set(update.source, advancePosition(state.positions.get(update.source)!, update));
  },
  async findEpisodes(query) {
    return findInIndex(holder.state.index, holder.state.docs, query);
  },
  async getEpisode(episodeId) {
    return holder.state.docs.get(episodeId);
  },
  async positions() {
    return Object.fromEntries(holder.state.positions) as Record<Source, SourcePosition>;
  },
  async counts(): Promise<StoreCounts> {
    return { episodes: holder.state.docs.size, ...holder.state.counts };
  },
  async beginRebuild(): Promise<StagingStore> {
    const staging = { state: emptyState() };
    return {
      ...storeOver(staging),
      async commit() {
        holder.state = staging.state;
      },
      async abort() {
        staging.state = emptyState();
      },
    };
  },
  async close() {},
});

/**
 * The embedded mode's projection: documents in a map, changed by the pure form of each write
 * (the MongoDB adapter runs its update document), and queried through indexes patched on every
 * change, so that a page query visits only the candidates they select and mingo runs the
 * MongoDB query document on the documents shown, never on the whole collection.
 */
export const createInMemoryAvailabilityStore = (): AvailabilityStore => storeOver({ state: emptyState() });
