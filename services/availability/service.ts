import type { Logger } from 'pino';
import type { TokenSettings } from '#platform/auth/tokens';
import type { EventBus } from '#platform/messaging/event-bus';
import { createProjector } from './consumers/projector.ts';
import { subscribeAvailabilityConsumers } from './consumers/subscribe-availability-consumers.ts';
import type { AvailabilityStore } from './domain/availability-store.ts';
import type { Source } from './domain/sources.ts';
import { createFeedClient, type FetchLike, type ReadFeedPage } from './feeds/feed-client.ts';
import { createPageCache } from './http/page-cache.ts';
import { createAvailabilityRouter } from './http/router.ts';
import { watchStoreWrites } from './store/watch-store-writes.ts';
import { makeCatchUpAvailability } from './use-cases/catch-up-availability/catch-up-availability.ts';
import { cachedEpisodePages } from './use-cases/list-available-episodes/list-available-episodes.http.ts';
import { makeListAvailableEpisodes } from './use-cases/list-available-episodes/list-available-episodes.ts';
import { makeRebuildAvailability, type RebuildResult } from './use-cases/rebuild-availability/rebuild-availability.ts';
import { makeShowAvailabilityStatus } from './use-cases/show-availability-status/show-availability-status.ts';
import { makeShowEpisodeAvailability } from './use-cases/show-episode-availability/show-episode-availability.ts';

export interface AvailabilityServiceDeps {
  /** The projection: `createAvailabilityStore(config)` picks MongoDB or the embedded store. */
  readonly store: AvailabilityStore;
  readonly bus: EventBus;
  readonly logger: Logger;
  /** Token settings; `POST /availability/rebuild` needs the `availability:operate` role. */
  readonly auth: TokenSettings;
  /** Configured platforms (`PLATFORMS`); a query for another one is a 400. */
  readonly platforms: readonly string[];
  /** Base URL serving each source's `/<source>/events` feed, or a page reader (tests). */
  readonly feeds: Record<Source, string> | ReadFeedPage;
  readonly fetch?: FetchLike;
  readonly clock?: () => Date;
  /** How often to catch up from the feeds besides start (default 60 s; 0 turns it off). */
  readonly catchUpEveryMs?: number;
  /**
   * How long a list answer may be served again from memory at most (default 1 s; 0 turns the
   * cache off). A write by this process or a window edge ends it sooner; the bound is for writes
   * made by another process to a shared MongoDB.
   */
  readonly pageCacheMs?: number;
}

/**
 * The availability aggregator: consumes catalogue, guidance and licencing events into its
 * projection, answers platform queries with HAL, and rebuilds or catches up from the domain
 * services' feeds. The composition root mounts `router` and calls `start()` once the feeds it
 * reads are being served (catch-up retries in the background until they are). The only thing
 * the outside imports.
 */
export const createAvailabilityService = (deps: AvailabilityServiceDeps) => {
  const { bus, logger, auth, platforms, clock = () => new Date(), catchUpEveryMs = 60_000, pageCacheMs = 1000 } = deps;
  const pageCache = createPageCache({ maxAgeMs: pageCacheMs });
  const { store, changes, nextChange } = watchStoreWrites(deps.store, {
    wanted: () => pageCache.size > 0,
    changed: (docs) => pageCache.invalidate(docs),
    replaced: () => pageCache.clear(),
  });
  const readPage = typeof deps.feeds === 'function' ? deps.feeds : createFeedClient(deps.feeds, deps.fetch);
  const projector = createProjector({ store, clock });
  const catchUp = makeCatchUpAvailability({ store, projector, readPage });
  const rebuildNow = makeRebuildAvailability({ store, projector, readPage, clock });
  const rebuild = Object.assign(
    async (): Promise<RebuildResult> => {
      const last = await rebuildNow();
      logger.info(last, 'availability rebuilt from the feeds');
      return last;
    },
    { state: rebuildNow.state },
  );
  const showStatus = makeShowAvailabilityStatus({ store, readPage, clock });
  const router = createAvailabilityRouter({
    auth,
    platforms,
    clock,
    rebuild,
    showStatus,
    rebuilding: rebuildNow.state,
    changes,
    nextChange,
    positions: () => store.positions(),
    pageCache,
    listAvailableEpisodes: makeListAvailableEpisodes({ store, platforms, clock }),
    showEpisodeAvailability: makeShowEpisodeAvailability({ store, platforms, clock }),
  });

  let timer: NodeJS.Timeout | undefined;
  let catchingUp: Promise<void> | undefined;
  /** Set by the first catch-up that reached every feed's end: until then the projection may be empty or behind. */
  let caughtUpAt: Date | undefined;
  const catchUpLogged = () =>
    (catchingUp ??= catchUp()
      .then((read) => {
        caughtUpAt ??= clock();
        logger.info({ read }, 'availability caught up from the feeds');
      })
      .catch((error) => logger.warn({ err: error }, 'availability catch-up failed; retrying later'))
      .finally(() => (catchingUp = undefined)));

  return {
    name: 'availability' as const,
    router,
    /** Answers cached list pages ahead of every router; mount it before the routers (the router answers them too, slower). */
    cachedPages: cachedEpisodePages({ clock, cache: pageCache, changes }),
    /** Subscribes to the bus, then catches up from the stored positions (in the background). */
    async start() {
      await subscribeAvailabilityConsumers(bus, projector);
      void catchUpLogged();
      if (catchUpEveryMs > 0) timer = setInterval(() => void catchUpLogged(), catchUpEveryMs).unref();
    },
    /** Stops the periodic catch-up and waits for one in flight; the store is closed by its owner. */
    async stop() {
      if (timer) clearInterval(timer);
      await catchingUp;
    },
    /** The same report as `GET /availability/status`, for readiness checks. */
    status: () => showStatus(),
    /**
     * Whether this aggregator answers its real queries: once a catch-up has read every feed to
     * its end since start (on start the embedded projection is empty; after it, the bus keeps
     * it current). A shared store (MongoDB) that already holds a projection other processes
     * keep current answers at once: `sharedStore` says the store is one.
     */
    async readiness({ sharedStore = false } = {}) {
      if (caughtUpAt) return { ok: true, caughtUpAt: caughtUpAt.toISOString() };
      if (sharedStore) {
        const positions = await store.positions();
        if (Object.values(positions).some((held) => held.position > 0)) return { ok: true, sharedStore: true };
      }
      return { ok: false, reason: 'catching up from the feeds' };
    },
    /** Rebuild and catch-up as functions, for `npm run rebuild` offline and for tests. */
    rebuild,
    catchUp,
  };
};

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
