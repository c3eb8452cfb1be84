import { inTurns } from '#platform/lifecycle/loop-turns';
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
  /**
   * A staging state's documents changed since it began, not yet in its index (undefined: every
   * write is indexed at once). See `beginRebuild`.
   */
  unindexed?: Set<number>;
}

const emptyState = (now: number, deferIndex = false): State => ({
  docs: new Map(),
  positions: new Map(SOURCES.map((s) => [s, initialPosition(s)])),
  index: createEpisodeIndex(now),
  counts: { listedEpisodes: 0, licences: 0 },
  ...(deferIndex ? { unindexed: new Set<number>() } : {}),
});

/** Indexes one document the state deferred, as it is now (a no-op move if a later write already indexed it). */
const indexDeferred = (state: State, id: number): void => {
  const doc = state.docs.get(id);
  if (doc) state.index.changed(doc);
};

/**
 * Indexes every document a staging state deferred, as background work of at most TURN_BUDGET_MS
 * per turn of the event loop; writes made meanwhile are indexed at once. Stops early when the
 * staging state is dropped (`isCurrent` false).
 */
const indexInTurns = async (state: State, isCurrent: () => boolean): Promise<void> => {
  const ids = [...(state.unindexed ?? [])];
  state.unindexed = undefined;
  let next = 0;
  await inTurns(() => {
    if (next >= ids.length || !isCurrent()) return false;
    indexDeferred(state, ids[next++]!);
    return true;
  });
};

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
  if (state.unindexed) state.unindexed.add(write.episodeId);
  else state.index.changed(next);
};

/**
 * Keeps the live lists at the clock's instant: moved forward before each query (to the instant
 * asked, when it is not in the future) and by a timer at the next window edge, so that the work
 * of an edge is mostly done between requests. The timer never keeps the process alive.
 */
const liveInstant = (holder: { state: State }, clock: () => Date) => {
  let timer: NodeJS.Timeout | undefined;
  let due = Infinity;
  const arm = () => {
    const next = holder.state.index.live.nextEdge();
    if (next === undefined || next >= due) return;
    clearTimeout(timer);
    due = next;
    timer = setTimeout(
      () => {
        due = Infinity;
        holder.state.index.advance(clock().getTime());
        arm();
      },
      Math.min(Math.max(0, next - clock().getTime()), 2 ** 31 - 1),
    ).unref();
  };
  return {
    /** Advances to `at` when it is not after the clock's now; arms the timer for the next edge. */
    advanceTo(at: number) {
      holder.state.index.advance(Math.min(at, clock().getTime()));
      arm();
    },
    arm,
    stop: () => clearTimeout(timer),
  };
};

const storeOver = (holder: { state: State }, clock: () => Date): AvailabilityStore => {
  const live = liveInstant(holder, clock);
  return {
    async apply(writes: readonly ProjectionWrite[], positions: readonly PositionUpdate[] = []) {
      const { state } = holder;
      for (const write of writes) applyWrite(state, write);
      for (const update of positions) state.positions.set(update.source, advancePosition(state.positions.get(update.source)!, update));
      live.arm();
    },
    async findEpisodes(query) {
      // Only a staging store defers its index, and only tests query one: index it all first.
      const { unindexed } = holder.state;
      holder.state.unindexed = undefined;
      for (const id of unindexed ?? []) indexDeferred(holder.state, id);
      live.advanceTo(query.at.getTime());
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
    /**
     * The staging state defers its index: a rebuild writes each episode several times (its
     * publication, guidance, each licence), and patching the sorted lists at each write cost
     * about four fifths of a rebuild's CPU, all of it on the loop the live queries use, and left
     * as many dead index objects for the GC. Each document is indexed once, at `commit`, in
     * turns (`indexInTurns`), before it replaces the live state.
     */
    async beginRebuild(): Promise<StagingStore> {
      const staging = { state: emptyState(clock().getTime(), true) };
      return {
        ...storeOver(staging, clock),
        async commit() {
          const { state } = staging;
          await indexInTurns(state, () => staging.state === state);
          if (staging.state !== state) throw new Error('The rebuild was aborted while its index was built.');
          holder.state = state;
          live.arm();
        },
        async abort() {
          staging.state = emptyState(clock().getTime());
        },
        async close() {},
      };
    },
    async close() {
      live.stop();
    },
  };
};

export interface InMemoryStoreOptions {
  /** The instant "now" is (default the system clock): the live lists follow it. */
  readonly clock?: () => Date;
}

/**
 * The embedded mode's projection: documents in a map, changed by the pure form of each write,
 * and queried through indexes patched on every change (in-memory-episode-index) and live lists
 * kept at the clock's instant (in-memory-live-lists), so that a page query visits only what it
 * shows when it asks about now.
 */
export const createInMemoryAvailabilityStore = ({ clock = () => new Date() }: InMemoryStoreOptions = {}): AvailabilityStore => {
  const now = clock().getTime();
  return storeOver({ state: emptyState(now) }, clock);
};
