import type { AvailabilityStore, StagingStore } from '../domain/availability-store.ts';
import type { EpisodeDocument } from '../domain/episode-projection.ts';

/** Who hears of the changes a process makes to its store. */
export interface StoreWatcher {
  /** Whether anyone needs the documents a write changed (reading them costs a lookup each). */
  readonly wanted: () => boolean;
  /** The documents a write batch changed, as they were before and are after it. */
  readonly changed: (docs: readonly EpisodeDocument[]) => void;
  /** The whole projection was replaced (a rebuild committed). */
  readonly replaced: () => void;
}

/**
 * Wraps a store so that every change this process makes to it is heard: each applied batch with
 * the documents it touched (before and after, when `wanted`), a committed rebuild as a
 * replacement, and a counter that moves with either (an answer computed across a change is not
 * kept). Writes made by another process to a shared MongoDB are not seen here, which is why
 * cached answers also age out.
 */
export const watchStoreWrites = (store: AvailabilityStore, watcher?: StoreWatcher): { store: AvailabilityStore; changes: () => number } => {
  let changes = 0;
  const read = (ids: readonly number[]) => Promise.all(ids.map((id) => store.getEpisode(id)));
  const watched: AvailabilityStore = {
    apply: async (writes, positions) => {
      const ids = watcher?.wanted() ? [...new Set(writes.map((w) => w.episodeId))] : [];
      const before = await read(ids);
      try {
        await store.apply(writes, positions);
      } finally {
        changes += 1;
        if (ids.length > 0) watcher!.changed([...before, ...(await read(ids))].filter((doc) => doc !== undefined));
      }
    },
    findEpisodes: (query) => store.findEpisodes(query),
    getEpisode: (episodeId) => store.getEpisode(episodeId),
    positions: () => store.positions(),
    counts: () => store.counts(),
    close: () => store.close(),
    beginRebuild: async (): Promise<StagingStore> => {
      const staging = await store.beginRebuild();
      return {
        ...staging,
        commit: async () => {
          await staging.commit();
          changes += 1;
          watcher?.replaced();
        },
      };
    },
  };
  return { store: watched, changes: () => changes };
};
