import type { AvailabilityStore, StagingStore } from '../domain/availability-store.ts';

/**
 * Wraps a store so that every change this process makes to it (applied writes, a committed
 * rebuild) moves a counter: a cached answer computed at an older count is stale. Writes made by
 * another process to a shared MongoDB are not seen here, which is why cached answers also age out.
 */
export const watchStoreWrites = (store: AvailabilityStore): { store: AvailabilityStore; changes: () => number } => {
  let changes = 0;
  const watched: AvailabilityStore = {
    apply: async (writes, positions) => {
      try {
        await store.apply(writes, positions);
      } finally {
        changes += 1;
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
        },
      };
    },
  };
  return { store: watched, changes: () => changes };
};
