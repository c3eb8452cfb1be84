import Router from '@koa/router';
import type { TokenSettings } from '#platform/auth/tokens';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource, templated } from '#platform/http/hal';
import { listAvailableEpisodesRoute } from '../use-cases/list-available-episodes/list-available-episodes.http.ts';
import type { ListAvailableEpisodes } from '../use-cases/list-available-episodes/list-available-episodes.ts';
import { rebuildAvailabilityRoute } from '../use-cases/rebuild-availability/rebuild-availability.http.ts';
import type { RebuildAvailability } from '../use-cases/rebuild-availability/rebuild-availability.ts';
import { showAvailabilityStatusRoute } from '../use-cases/show-availability-status/show-availability-status.http.ts';
import type { ShowAvailabilityStatus } from '../use-cases/show-availability-status/show-availability-status.ts';
import { showEpisodeAvailabilityRoute } from '../use-cases/show-episode-availability/show-episode-availability.http.ts';
import type { ShowEpisodeAvailability } from '../use-cases/show-episode-availability/show-episode-availability.ts';
import { availabilityErrors } from './errors.ts';
import type { PageCache } from './page-cache.ts';
import { appliedPositionsRoute } from '../use-cases/show-availability-status/applied-positions.http.ts';
import type { NextChange } from '../store/watch-store-writes.ts';
import type { AvailabilityStore } from '../domain/availability-store.ts';

export interface AvailabilityRouterDeps {
  readonly auth: TokenSettings;
  readonly platforms: readonly string[];
  readonly clock: () => Date;
  /** Serialised list answers, reused until a write, a window edge or their maximum age. */
  readonly pageCache: PageCache;
  /** How many changes this process has made to the store: a cached answer from an older count is stale. */
  readonly changes: () => number;
  /** Waits for the next change (see watchStoreWrites): the long poll of applied positions. */
  readonly nextChange: NextChange;
  /** The last position applied per source. */
  readonly positions: AvailabilityStore['positions'];
  readonly listAvailableEpisodes: ListAvailableEpisodes;
  readonly showEpisodeAvailability: ShowEpisodeAvailability;
  readonly showStatus: ShowAvailabilityStatus;
  readonly rebuild: RebuildAvailability;
  readonly rebuilding: () => unknown;
}

const rootDocument = (platforms: readonly string[]) =>
  halResource(
    {
      title: 'Availability',
      description: 'What each platform can show, when, and why: ids, facts and links to the domain services.',
      platforms,
    },
    '/availability',
    {
      episodes: templated(
        '/availability/episodes{?platform,channel,q,grouping,available,at,page,size}',
        'Productions a platform can show now or later, A to Z',
      ),
      episode: templated('/availability/episodes/{id}{?platform,at}', "One episode's availability on a platform, and why"),
      status: { href: '/availability/status', title: 'Positions, lag and counts per source' },
      rebuild: { href: '/availability/rebuild', title: 'POST with an availability:operate token to rebuild from the feeds' },
    },
  );

/** Every route under `/availability`: the root document, the public reads, status and rebuild. */
export const createAvailabilityRouter = (deps: AvailabilityRouterDeps): Router => {
  const router = new Router({ prefix: '/availability' });
  const root = rootDocument(deps.platforms);
  router.use(availabilityErrors);
  router.get('/', (ctx) => sendRepresentation(ctx, { body: root, contentType: HAL_JSON, cacheControl: 'public, max-age=3600' }));
  listAvailableEpisodesRoute(router, deps.listAvailableEpisodes, { clock: deps.clock, cache: deps.pageCache, changes: deps.changes });
  showEpisodeAvailabilityRoute(router, deps.showEpisodeAvailability, deps.clock);
  showAvailabilityStatusRoute(router, deps.showStatus, deps.rebuilding);
  appliedPositionsRoute(router, { positions: deps.positions, changes: deps.changes, nextChange: deps.nextChange });
  rebuildAvailabilityRoute(router, deps.auth, deps.rebuild);
  return router;
};
