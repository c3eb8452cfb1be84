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

/**
 * Drops and rebuilds the projection from the domain services' feeds, read from the start into
 * a staging store that replaces the live one only once every feed is read to its end: queries
 * never see a half-built projection, and a failed rebuild leaves the live one untouched. Live
 * events are mirrored into the staging store meanwhile. One rebuild at a time.
 */
export const makeRebuildAvailability = ({ store, projector, readPage, clock }: RebuildDeps) => {
  let running = false;
  return async (): Promise<RebuildResult> => {
    if (running) throw new AvailabilityError('rebuild-in-progress', 'A rebuild is already running; watch GET /availability/status.');
    running = true;
    const started = clock().getTime();
    const staging = await store.beginRebuild();
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
      running = false;
    }
  };
};

export type RebuildAvailability = ReturnType<typeof makeRebuildAvailability>;
