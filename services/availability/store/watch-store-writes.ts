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

/** Resolves once the change counter has moved past `seen` (at once if it has), or after `timeoutMs`. */
export type NextChange = (seen: number, timeoutMs: number) => Promise<void>;

/**
 * Wraps a store so that every change this process makes to it is heard: each applied batch with
 * the documents it touched (before and after, when `wanted`), a committed rebuild as a
 * replacement, and a counter that moves with either (an answer computed across a change is not
 * kept; `nextChange` lets a reader wait for the next one). Writes made by another process to a shared MongoDB are not seen here, which is why
 * cached answers also age out.
 */
export const watchStoreWrites = (
  store: AvailabilityStore,
  watcher?: StoreWatcher,
): { store: AvailabilityStore; changes: () => number; nextChange: NextChange } => {
  let changes = 0;
  const waiting = new Set<() => void>();
  const moved = () => {
    changes += 1;
    for (const wake of waiting) wake();
  };
  const nextChange: NextChange = (seen, timeoutMs) =>
    new Promise<void>((resolve) => {
      if (changes !== seen) return resolve();
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      waiting.add(wake);
    });
  const read = (ids: readonly number[]) => Promise.all(ids.map((id) => store.getEpisode(id)));
  const watched: AvailabilityStore = {
    apply: async (writes, positions) => {
      const ids = watcher?.wanted() ? [...new Set(writes.map((w) => w.episodeId))] : [];
      const before = await read(ids);
      try {
        await store.apply(writes, positions);
      } finally {
        moved();
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
          moved();
          watcher?.replaced();
        },
      };
    },
  };
  return { store: watched, changes: () => changes, nextChange };
};
