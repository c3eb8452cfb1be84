import type { AddressInfo } from 'node:net';
import { fetch as undiciFetch } from 'undici';
import { createHttpApp } from '#platform/http/app';
import { mountRouter } from '#platform/http/mount';
import { silentLogger } from '#platform/lifecycle/logger';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import type { FetchLike } from '../../services/availability/feeds/feed-client.ts';
import { createAvailabilityService } from '../../services/availability/service.ts';
import { createInMemoryAvailabilityStore } from '../../services/availability/store/in-memory-availability-store.ts';
import { feedApp } from '../availability-query.ts';
import { serveToParent } from '../child-server.ts';
import { observeLoop, type LoopObservation } from '../loop-observer.ts';
import { history } from '../synthetic-catalogue.ts';

/** How many episodes of the synthetic catalogue the feeds hold (each with three licences). */
export interface RebuildReadsInput {
  readonly episodes: number;
  readonly platforms: readonly string[];
}

/**
 * The embedded mode's shape for a rebuild: the feeds and the availability service in one process
 * (in `npm start` the domain services serve their feeds from the same event loop the queries
 * use), the in-memory store, the platform's koa app without the answer cache (every read queries
 * the store). `rebuild` runs one rebuild and answers its duration in ms; `observe` starts watching
 * the event loop and GC pauses (`observeLoop`), `observed` stops and answers what was seen.
 */
serveToParent<RebuildReadsInput, { catchUpSeconds: number }>(async ({ episodes, platforms }) => {
  const events = history().filter((e) => ((e.data as { episodeId: number }).episodeId ?? 0) <= episodes);
  const feedServer = feedApp(events).listen(0, '127.0.0.1');
  await new Promise((resolve) => feedServer.once('listening', resolve));
  const feedOrigin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  const service = createAvailabilityService({
    store: createInMemoryAvailabilityStore(),
    bus: createInProcessBus({ logger: silentLogger() }),
    logger: silentLogger(),
    auth: { secret: 'x'.repeat(32), issuer: 'bench', audience: 'bench' },
    platforms,
    feeds: { catalogue: feedOrigin, guidance: feedOrigin, licencing: feedOrigin },
    fetch: undiciFetch as unknown as FetchLike,
    catchUpEveryMs: 0,
    pageCacheMs: 0,
  });
  const started = performance.now();
  await service.catchUp();
  const catchUpSeconds = (performance.now() - started) / 1000;
  const app = createHttpApp({ logger: silentLogger() });
  mountRouter(app, service.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  let stopObserving: (() => LoopObservation) | undefined;
  return {
    origins: { app: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    report: { catchUpSeconds },
    handlers: {
      rebuild: async () => (await service.rebuild()).durationMs,
      observe: () => {
        stopObserving = observeLoop();
      },
      observed: () => stopObserving?.(),
    },
  };
});
