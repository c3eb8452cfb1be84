import type { AvailabilityStore } from '../../domain/availability-store.ts';
import { SOURCES, type Source } from '../../domain/sources.ts';
import type { Projector } from '../../consumers/projector.ts';
import type { ReadFeedPage } from '../../feeds/feed-client.ts';
import { readFeed } from '../../feeds/read-feed.ts';

export interface CatchUpDeps {
  readonly store: AvailabilityStore;
  readonly projector: Projector;
  readonly readPage: ReadFeedPage;
}

/**
 * Reads every source's feed from the stored checkpoint to its end, into the live store. Run on
 * start and periodically: after a restart or a dead-lettered message, what the bus did not
 * deliver is still in the producer's log. Sources are read side by side.
 */
export const makeCatchUpAvailability =
  ({ store, projector, readPage }: CatchUpDeps) =>
  async (): Promise<Record<Source, number>> => {
    const positions = await store.positions();
    const read = await Promise.all(
      SOURCES.map(async (source) => {
        const { events } = await readFeed({
          source,
          after: positions[source].checkpoint,
          readPage,
          applyPage: (page) => projector.applyFeedPage(page),
        });
        return [source, events] as const;
      }),
    );
    return Object.fromEntries(read) as Record<Source, number>;
  };
