import { AvailabilityError } from '../../domain/availability-error.ts';
import type { AvailabilityStore, StoreCounts } from '../../domain/availability-store.ts';
import { SOURCES } from '../../domain/sources.ts';
import type { Projector } from '../../consumers/projector.ts';
import type { ReadFeedPage } from '../../feeds/feed-client.ts';
import { readFeed } from '../../feeds/read-feed.ts';

export interface RebuildDeps {
  readonly store: AvailabilityStore;
  readonly projector: Projector;
  readonly readPage: ReadFeedPage;
  readonly clock: () => Date;
}

/** What a completed rebuild reports. */
export interface RebuildResult extends StoreCounts {
  readonly events: number;
  readonly durationMs: number;
}

/** Whether a rebuild runs, and how the last one ended: what `GET /availability/status` shows. */
export interface RebuildState {
  readonly running: boolean;
  readonly last?: RebuildResult;
  readonly error?: string;
}

/**
 * Drops and rebuilds the projection from the domain services' feeds, read from the start into
 * a staging store that replaces the live one only once every feed is read to its end: queries
 * never see a half-built projection, and a failed rebuild leaves the live one untouched. Live
 * events are mirrored into the staging store meanwhile. One rebuild at a time: a second one is
 * refused and leaves the state of the one running alone (this use case is the state's one owner).
 */
export const makeRebuildAvailability = ({ store, projector, readPage, clock }: RebuildDeps) => {
  let state: RebuildState = { running: false };
  /** Reads every feed into `staging` and swaps it in; a failure aborts it, the live store untouched. */
  const rebuildInto = async (staging: Awaited<ReturnType<AvailabilityStore['beginRebuild']>>): Promise<RebuildResult> => {
    const started = clock().getTime();
    try {
      projector.mirrorTo(staging);
      const reads = await Promise.all(
        SOURCES.map((source) => readFeed({ source, after: 0, readPage, applyPage: (page) => projector.applyFeedPage(page, staging) })),
      );
      const counts = await staging.counts();
      await staging.commit();
      return { ...counts, events: reads.reduce((n, r) => n + r.events, 0), durationMs: clock().getTime() - started };
    } catch (error) {
      await staging.abort();
      throw error;
    } finally {
      projector.mirrorTo(undefined);
    }
  };
  const rebuild = async (): Promise<RebuildResult> => {
    if (state.running) throw new AvailabilityError('rebuild-in-progress', 'A rebuild is already running; watch GET /availability/status.');
    state = { ...state, running: true };
    try {
      const last = await rebuildInto(await store.beginRebuild());
      state = { running: false, last };
      return last;
    } catch (error) {
      state = { ...state, running: false, error: (error as Error).message };
      throw error;
    }
  };
  return Object.assign(rebuild, { state: (): RebuildState => state });
};

export type RebuildAvailability = ReturnType<typeof makeRebuildAvailability>;
