import { Query, updateOne } from 'mingo';
import { nextBoundary } from '../domain/availability.ts';
import type { AvailabilityStore, EpisodePage, PositionUpdate, StagingStore } from '../domain/availability-store.ts';
import { emptyEpisode, type EpisodeDocument } from '../domain/episode-projection.ts';
import { episodeFilter, type EpisodeQuery } from '../domain/episode-query.ts';
import type { ProjectionWrite } from '../domain/projection-write.ts';
import { SOURCES, advancePosition, initialPosition, type Source, type SourcePosition } from '../domain/sources.ts';
import { createEpisodeIndex, type EpisodeIndex } from './in-memory-episode-index.ts';

interface State {
  readonly docs: Map<number, EpisodeDocument>;
  readonly positions: Map<Source, SourcePosition>;
  readonly index: EpisodeIndex;
}

const emptyState = (): State => ({
  docs: new Map(),
  positions: new Map(SOURCES.map((s) => [s, initialPosition(s)])),
  index: createEpisodeIndex(),
});

/** Runs one version-guarded write with mingo; an unmatched guard leaves the document as it was. */
const applyWrite = (state: State, write: ProjectionWrite): void => {
  const current = state.docs.get(write.episodeId) ?? emptyEpisode(write.episodeId);
  const working = [{ ...current, versions: { ...current.versions } } as Record<string, unknown>];
  const result = updateOne(working, write.filter, write.update as never);
  if (result.modifiedCount === 0) return;
  const next = working[0] as unknown as EpisodeDocument;
  state.docs.set(write.episodeId, next);
  state.index.changed(next);
};

const candidatesFor = (state: State, query: EpisodeQuery): readonly number[] => {
  const bucket = state.index.bucket(query.platform, query.channel);
  if (query.prefix === undefined) return bucket;
  const byWord = state.index.wordPrefix(query.prefix);
  if (byWord.length >= bucket.length) return bucket;
  const keyOf = state.index.titleKeyOf;
  return [...new Set(byWord)].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
};

const findIn = (state: State, query: EpisodeQuery): EpisodePage => {
  const test = new Query(episodeFilter(query));
  const matched: EpisodeDocument[] = [];
  for (const id of candidatesFor(state, query)) {
    const doc = state.docs.get(id);
    if (doc && test.test(doc as never)) matched.push(doc);
  }
  let next: number | undefined;
  for (const doc of matched) {
    const edge = nextBoundary(doc, query.platform, query.at)?.getTime();
    if (edge !== undefined && (next === undefined || edge < next)) next = edge;
  }
  const from = (query.page - 1) * query.size;
  return { items: matched.slice(from, from + query.size), total: matched.length, nextBoundary: next === undefined ? null : new Date(next) };
};

const storeOver = (holder: { state: State }): AvailabilityStore => ({
  async apply(writes: readonly ProjectionWrite[], positions: readonly PositionUpdate[] = []) {
    const { state } = holder;
    for (const write of writes) applyWrite(state, write);
    for (const update of positions) state.positions.set(update.source, advancePosition(state.positions.get(update.source)!, update));
  },
  async findEpisodes(query) {
    return findIn(holder.state, query);
  },
  async getEpisode(episodeId) {
    return holder.state.docs.get(episodeId);
  },
  async positions() {
    return Object.fromEntries(holder.state.positions) as Record<Source, SourcePosition>;
  },
  async counts() {
    let listedEpisodes = 0;
    let licences = 0;
    for (const doc of holder.state.docs.values()) {
      const active = doc.licences.filter((l) => l.active).length;
      licences += active;
      if (doc.published && active > 0) listedEpisodes += 1;
    }
    return { episodes: holder.state.docs.size, listedEpisodes, licences };
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
 * The embedded mode's projection: documents in a map, updated by the same MongoDB update
 * documents as the MongoDB adapter (run by mingo), queried through its own indexes so that
 * mingo only tests the few candidates they select instead of scanning every episode.
 */
export const createInMemoryAvailabilityStore = (): AvailabilityStore => storeOver({ state: emptyState() });
