import type { AddressInfo } from 'node:net';
import { fetch as undiciFetch } from 'undici';
import { createHttpApp } from '#platform/http/app';
import { mountRouter } from '#platform/http/mount';
import { silentLogger } from '#platform/lifecycle/logger';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import type { FetchLike } from '../../services/availability/feeds/feed-client.ts';
import { createAvailabilityService } from '../../services/availability/service.ts';
import { createInMemoryAvailabilityStore } from '../../services/availability/store/in-memory-availability-store.ts';
import { serveToParent } from '../child-server.ts';
import { amendment, seeded } from '../synthetic-catalogue.ts';

/**
 * Input of the availability server under test: where the synthetic feeds are, and how often to
 * rebuild from them (0: fill the projection as a starting service does, by catching up).
 */
export interface AvailabilityServerInput {
  readonly feedOrigin: string;
  readonly platforms: readonly string[];
  readonly rebuilds: number;
}

/** How long filling the projection took: the catch-up at start, or each rebuild. */
export interface AvailabilityServerReport {
  readonly catchUpSeconds?: number;
  readonly rebuildSeconds: number[];
}

/**
 * Projection writes at a steady rate (licence windows amended, see `amendment`), published on the
 * bus every 10 ms; `set` changes the rate (0 stops) and answers how many were published so far.
 */
const writeLoad = (bus: ReturnType<typeof createInProcessBus>) => {
  const random = seeded(99);
  let published = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    set(perSecond: number): number {
      clearInterval(timer);
      if (perSecond > 0) {
        const started = performance.now();
        const before = published;
        timer = setInterval(() => {
          const due = before + Math.floor(((performance.now() - started) / 1000) * perSecond);
          while (published < due) void bus.publish(amendment((published += 1), random));
        }, 10);
      }
      return published;
    },
  };
};

/**
 * The availability service as it runs in production: its own process, the embedded store, the
 * platform's koa app. It fills its projection from the feeds, either as it does on start (a
 * catch-up from position 0) or by `rebuilds` rebuilds (reporting each duration), then serves it
 * twice: with the page-answer cache (`cached`) and without (`uncached`).
 */
serveToParent<AvailabilityServerInput, AvailabilityServerReport>(async ({ feedOrigin, platforms, rebuilds }) => {
  const store = createInMemoryAvailabilityStore();
  const bus = createInProcessBus({ logger: silentLogger() });
  const feeds = { catalogue: feedOrigin, guidance: feedOrigin, licencing: feedOrigin };
  const common = {
    store,
    bus,
    logger: silentLogger(),
    auth: { secret: 'x'.repeat(32), issuer: 'bench', audience: 'bench' },
    platforms,
    feeds,
    catchUpEveryMs: 0,
  };
  const service = createAvailabilityService({ ...common, fetch: undiciFetch as unknown as FetchLike });
  const rebuildSeconds: number[] = [];
  let catchUpSeconds: number | undefined;
  if (rebuilds === 0) {
    const started = performance.now();
    await service.catchUp();
    catchUpSeconds = (performance.now() - started) / 1000;
  }
  for (let round = 0; round < rebuilds; round += 1) rebuildSeconds.push((await service.rebuild()).durationMs / 1000);
  // Server time of each request the uncached app answers (its middleware included), for the per-shape costs.
  let timings: number[] = [];
  const listen = async ({ router, cachedPages }: typeof service, timed = false) => {
    const app = createHttpApp({ logger: silentLogger() });
    if (timed) {
      app.use(async (ctx, next) => {
        const started = performance.now();
        await next();
        timings.push(performance.now() - started);
      });
    }
    app.use(cachedPages);
    mountRouter(app, router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const cached = await listen(service);
  const uncached = await listen(createAvailabilityService({ ...common, pageCacheMs: 0 }), true);
  // Writes arrive as they do from the broker: events on the bus, applied by the cached service's
  // consumers (so its answer cache sees them), into the store both services read.
  await service.start();
  const writes = writeLoad(bus);
  return {
    origins: { cached: cached.origin, uncached: uncached.origin },
    report: { rebuildSeconds, ...(catchUpSeconds === undefined ? {} : { catchUpSeconds }) },
    handlers: {
      writes: (perSecond) => writes.set(perSecond as number),
      timings: () => {
        const taken = timings;
        timings = [];
        return taken;
      },
    },
  };
});
