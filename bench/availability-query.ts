import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { fetch as undiciFetch } from 'undici';
import { createHttpApp } from '../platform/http/app.ts';
import { mountRouter } from '../platform/http/mount.ts';
import { silentLogger } from '../platform/lifecycle/logger.ts';
import type { EventEnvelope } from '../platform/messaging/event-envelope.ts';
import { createInProcessBus } from '../platform/messaging/in-process-bus.ts';
import { createProjector } from '../services/availability/consumers/projector.ts';
import type { FetchLike } from '../services/availability/feeds/feed-client.ts';
import { createAvailabilityService } from '../services/availability/service.ts';
import { createInMemoryAvailabilityStore } from '../services/availability/store/in-memory-availability-store.ts';
import { episodeEvent, licenceEvent, licenceId } from '../services/availability/testing/event-builders.ts';
import { median, type BenchModule, type BenchRow } from './bench-module.ts';
import { load, type LoadResult } from './http-load.ts';

const EPISODES = 100_000;
const PLATFORMS = ['ios', 'android', 'samsung', 'web'];
const CHANNELS = ['ITV', 'ITV2', 'ITV3', 'ITV4', 'ITVBe', 'CITV', 'STV', 'UTV'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ba', 'de', 'fi', 'gu', 'ho', 'ja', 'pe', 'zu'];
const ROUNDS = 3;

/**
 * Deterministic synthetic catalogue: 100,000 episodes of programmes with two to four word titles,
 * 3 licences each on distinct platforms. The platform left out varies independently of the
 * channel, so every platform and channel pair has episodes (the typical query matches some).
 */
const history = (): EventEnvelope[] => {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const word = () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  const events: EventEnvelope[] = [];
  const now = Date.now();
  let position = 0;
  for (let id = 1; id <= EPISODES; id += 1) {
    const title = Array.from({ length: 2 + Math.floor(random() * 3) }, word).join(' ');
    events.push(episodeEvent({ episodeId: id, programmeTitle: title[0]!.toUpperCase() + title.slice(1), title: `Episode ${id}`, channel: CHANNELS[id % CHANNELS.length]! }, 1, (position += 1)));
    const skip = Math.floor(id / CHANNELS.length) % PLATFORMS.length;
    PLATFORMS.filter((_, i) => i !== skip).forEach((platform, i) => {
      const start = new Date(now - (10 + i) * 86_400_000).toISOString();
      const end = new Date(now + (5 + (id % 30)) * 86_400_000).toISOString();
      events.push(licenceEvent({ licenceId: licenceId(id * 4 + i), episodeId: id, platform, startDate: start, endDate: end }, 1, (position += 1)));
    });
  }
  return events;
};

const listen = async (app: Koa) => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

/**
 * A synthetic `/<source>/events?after=&limit=` feed over HTTP, as the domain services serve it:
 * each source's log split once and a page found by binary search, so the feed itself costs
 * what an indexed outbox read does, not a scan of every event per page.
 */
const feedApp = (events: readonly EventEnvelope[]) => {
  const logs = new Map<string, EventEnvelope[]>();
  for (const e of events) (logs.get(e.source) ?? logs.set(e.source, []).get(e.source)!).push(e);
  const app = new Koa();
  app.use((ctx) => {
    const source = ctx.path.split('/')[1];
    const after = Number(ctx.query.after ?? 0);
    const limit = Math.min(1000, Number(ctx.query.limit ?? 100));
    const mine = logs.get(`/${source}`) ?? [];
    let from = 0;
    for (let to = mine.length; from < to; ) {
      const mid = (from + to) >>> 1;
      if (mine[mid]!.position <= after) from = mid + 1;
      else to = mid;
    }
    const page = mine.slice(from, from + limit);
    ctx.body = { head: mine.at(-1)?.position ?? 0, _embedded: { events: page }, _links: page.length === limit ? { next: { href: '/next' } } : {} };
  });
  return app;
};

/** Ingests the whole history into fresh stores, ROUNDS times; returns the last store and the rate. */
const measureIngest = async () => {
  const events = history();
  const ingest: number[] = [];
  let store = createInMemoryAvailabilityStore();
  for (let round = 0; round < ROUNDS; round += 1) {
    store = createInMemoryAvailabilityStore();
    const projector = createProjector({ store, clock: () => new Date() });
    const started = performance.now();
    for (let i = 0; i < events.length; i += 1000) await projector.applyFeedPage(events.slice(i, i + 1000));
    ingest.push(events.length / ((performance.now() - started) / 1000));
  }
  return { store, rate: median(ingest), count: events.length };
};

/**
 * Rebuilds the service's projection from a synthetic feed served over HTTP, ROUNDS times. The
 * history lives only in here, so the query rounds afterwards run on a heap holding what a real
 * availability process holds (the projection), not 400,000 spare envelopes as well.
 */
const measureRebuild = async (service: { rebuild(): Promise<{ durationMs: number }> }, origin: (value: string) => void) => {
  const feed = await listen(feedApp(history()));
  origin(feed.origin);
  const rebuilds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) rebuilds.push((await service.rebuild()).durationMs / 1000);
  feed.server.closeAllConnections();
  feed.server.close();
  return median(rebuilds);
};

/** Runs the availability query benchmark and returns its figures (medians of three rounds). */
export const run = async (): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  const { store, rate, count } = await measureIngest();
  rows.push({ bench: 'availability', metric: 'events ingested (1,000 per batch)', value: rate, unit: 'events/s', note: `${count.toLocaleString('en-GB')} events` });

  let feedOrigin = '';
  const feeds = { get catalogue() { return feedOrigin; }, get guidance() { return feedOrigin; }, get licencing() { return feedOrigin; } };
  const bus = createInProcessBus({ logger: silentLogger() });
  const service = createAvailabilityService({
    store, bus, logger: silentLogger(), auth: { secret: 'x'.repeat(32), issuer: 'bench', audience: 'bench' }, platforms: PLATFORMS,
    feeds, fetch: undiciFetch as unknown as FetchLike, catchUpEveryMs: 0,
  });
  const rebuilt = await measureRebuild(service, (origin) => (feedOrigin = origin));
  rows.push({ bench: 'availability', metric: 'rebuild 100,000 episodes from HTTP feeds', value: rebuilt, unit: 's', note: 'goal < 60 s' });

  const serve = async (router: typeof service.router) => {
    const app = createHttpApp({ logger: silentLogger() });
    mountRouter(app, router);
    return listen(app);
  };
  const served = await serve(service.router);
  const uncachedService = createAvailabilityService({
    store, bus, logger: silentLogger(), auth: { secret: 'x'.repeat(32), issuer: 'bench', audience: 'bench' }, platforms: PLATFORMS,
    feeds, catchUpEveryMs: 0, pageCacheMs: 0,
  });
  const uncached = await serve(uncachedService.router);
  const fixed = JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ episodeId: i, title: `Title ${i}`, available: true })) });
  const bare = new Koa();
  bare.use((ctx) => {
    ctx.type = 'application/json';
    ctx.body = fixed;
  });
  const baseline = await listen(bare);
  const path = '/availability/episodes?platform=ios&channel=ITV&q=kalo&size=20';
  const answer = await (await fetch(`${served.origin}${path}`)).text();
  const probe = JSON.parse(answer) as { total: number };
  // A second baseline sends the very bytes of the availability answer, to tell what the size of
  // a HAL page costs (on both ends of loopback) from what the platform's own code costs.
  const sameBytes = new Koa();
  sameBytes.use((ctx) => {
    ctx.type = 'application/hal+json';
    ctx.body = Buffer.from(answer);
  });
  const sized = await listen(sameBytes);
  const measured = { availability: [] as LoadResult[], bare: [] as LoadResult[], uncached: [] as LoadResult[], sized: [] as LoadResult[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    measured.bare.push(await load(baseline.origin, '/', {}, { connections: 50, seconds: 4 }));
    measured.sized.push(await load(sized.origin, '/', {}, { connections: 50, seconds: 4 }));
    measured.availability.push(await load(served.origin, path, {}, { connections: 50, seconds: 4 }));
    measured.uncached.push(await load(uncached.origin, path, {}, { connections: 50, seconds: 4 }));
  }
  served.server.close();
  uncached.server.close();
  baseline.server.close();
  sized.server.close();
  await bus.close();
  const m = (list: LoadResult[], key: 'perSecond' | 'p50Ms' | 'p99Ms') => median(list.map((r) => r[key]));
  const share = m(measured.availability, 'perSecond') / m(measured.bare, 'perSecond');
  rows.push(
    { bench: 'availability', metric: 'bare koa 20-item JSON, 50 conns', value: m(measured.bare, 'perSecond'), unit: 'req/s', note: `p50 ${m(measured.bare, 'p50Ms').toFixed(2)} ms, p99 ${m(measured.bare, 'p99Ms').toFixed(2)} ms` },
    { bench: 'availability', metric: 'page query (platform, channel, q, size 20), 50 conns', value: m(measured.availability, 'perSecond'), unit: 'req/s', note: `p50 ${m(measured.availability, 'p50Ms').toFixed(2)} ms, p99 ${m(measured.availability, 'p99Ms').toFixed(2)} ms; ${probe.total} matches` },
    { bench: 'availability', metric: 'page query / bare koa throughput', value: share * 100, unit: '%', note: 'goal >= 50 %, p99 < 10 ms' },
    { bench: 'availability', metric: `bare koa sending the same ${Math.round(answer.length / 1024)} KB answer, 50 conns`, value: m(measured.sized, 'perSecond'), unit: 'req/s', note: `p50 ${m(measured.sized, 'p50Ms').toFixed(2)} ms, p99 ${m(measured.sized, 'p99Ms').toFixed(2)} ms` },
    { bench: 'availability', metric: 'page query / bare koa with the same bytes', value: (m(measured.availability, 'perSecond') / m(measured.sized, 'perSecond')) * 100, unit: '%', note: "the platform's own cost, size aside" },
    { bench: 'availability', metric: 'page query without the answer cache, 50 conns', value: m(measured.uncached, 'perSecond'), unit: 'req/s', note: `p50 ${m(measured.uncached, 'p50Ms').toFixed(2)} ms, p99 ${m(measured.uncached, 'p99Ms').toFixed(2)} ms; every request queries the store` },
  );
  return rows;
};

/** The module `bench/run.ts` lists. */
export const availabilityQuery: BenchModule = { name: 'availability-query', run };

if (process.argv[1]?.endsWith('availability-query.ts')) {
  for (const row of await run()) console.log(`${row.metric}: ${row.value.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${row.unit} ${row.note ?? ''}`);
}
