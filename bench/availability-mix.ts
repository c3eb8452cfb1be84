import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import { median, percentile, type BenchModule, type BenchRow } from './bench-module.ts';
import { pinProcess, startChildServer, type ChildServer } from './child-server.ts';
import { watchCpuSteal } from './cpu-steal.ts';
import { load, type LoadResult } from './http-load.ts';
import type { AvailabilityServerInput, AvailabilityServerReport } from './servers/availability-server.ts';
import type { FixedBodyInput } from './servers/fixed-body-server.ts';
import { history, PLATFORMS, queryMix, zipfSequence, type MixQuery } from './synthetic-catalogue.ts';

const ROUNDS = 3;
const SECONDS = 4;
const LEAD_IN_SECONDS = 1;
const WRITE_RATES = [0, 20, 200];
const SINGLE = '/availability/episodes?platform=ios&channel=ITV&q=kalo&size=20';
/** Requests per query shape for its server-time distribution, asked one at a time. */
const PER_SHAPE = 400;

const feedApp = (events: readonly EventEnvelope[]) => {
  const logs = new Map<string, EventEnvelope[]>();
  for (const e of events) (logs.get(e.source) ?? logs.set(e.source, []).get(e.source)!).push(e);
  const app = new Koa();
  app.use((ctx) => {
    const mine = logs.get(`/${ctx.path.split('/')[1]}`) ?? [];
    const after = Number(ctx.query.after ?? 0);
    const limit = Math.min(1000, Number(ctx.query.limit ?? 100));
    let from = 0;
    for (let to = mine.length; from < to;) {
      const mid = (from + to) >>> 1;
      if (mine[mid]!.position <= after) from = mid + 1;
      else to = mid;
    }
    const page = mine.slice(from, from + limit);
    ctx.body = {
      head: mine.at(-1)?.position ?? 0,
      _embedded: { events: page.map((event) => ({ _links: { self: { href: `/events/${event.position}` } }, event })) },
      _links: page.length === limit ? { next: { href: '/next' } } : {},
    };
  });
  return app;
};

/** The extra shapes beside the mix's own: the filter, an instant across window edges, a deep page. */
const extraShapes = (): MixQuery[] =>
  PLATFORMS.flatMap((platform) => [
    ...['true', 'false'].map((available) => ({
      path: `/availability/episodes?platform=${platform}&available=${available}&page=3`,
      shape: `available=${available}`,
    })),
    {
      path: `/availability/episodes?platform=${platform}&at=${new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 19)}Z&q=k`,
      shape: 'at= in 20 days (across edges), q 1 letter',
    },
    {
      path: `/availability/episodes?platform=${platform}&at=${new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 19)}Z`,
      shape: 'at= in 20 days (across edges), no q',
    },
    { path: `/availability/episodes?platform=${platform}&page=2000&size=20`, shape: 'page 2,000 of all channels' },
  ]);

interface Target {
  readonly name: string;
  readonly origin: string;
  readonly paths: readonly string[];
  readonly server: ChildServer<unknown>;
  readonly writes: number;
  readonly results: (LoadResult & { cpuMicrosPerRequest: number; writesApplied: number })[];
}

/**
 * The realistic mix against the availability service in its own process (filled by a catch-up
 * from synthetic feeds), beside a bare koa baseline and the single repeated query, all loaded
 * by the same undici loader in turn, 50 connections. Writes (licence windows amended) arrive on
 * the service's bus at 0, 20 and 200 per second during the mix's rounds. Then each query shape
 * is asked one request at a time on the service without its answer cache, and its server time
 * (inside koa) reported as p50/p99.
 */
export const run = async (): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  let events: EventEnvelope[] | undefined = history();
  const feedServer = feedApp(events).listen(0, '127.0.0.1');
  await new Promise((resolve) => feedServer.once('listening', resolve));
  const feedOrigin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  const availability = await startChildServer<AvailabilityServerReport>(new URL('./servers/availability-server.ts', import.meta.url), {
    feedOrigin,
    platforms: PLATFORMS,
    rebuilds: 0,
  } satisfies AvailabilityServerInput);
  feedServer.closeAllConnections();
  feedServer.close();
  events = undefined;
  const fixed = Buffer.from(
    JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ episodeId: i, title: `Title ${i}`, available: true })) }),
  );
  const bare = await startChildServer<null>(new URL('./servers/fixed-body-server.ts', import.meta.url), {
    bodyBase64: fixed.toString('base64'),
    contentType: 'application/json',
  } satisfies FixedBodyInput);
  const servers = [availability, bare];
  try {
    const pinned = servers.every((s) => s.pin('0')) && pinProcess(process.pid, '1');
    const mix = queryMix();
    const sequence = zipfSequence(mix, 200_000);
    const target = (name: string, origin: string, paths: readonly string[], server: ChildServer<unknown>, writes = 0): Target => ({
      name,
      origin,
      paths,
      server,
      writes,
      results: [],
    });
    const targets = [
      target('bare koa 20-item JSON', bare.origins.app!, ['/'], bare),
      target('one repeated query', availability.origins.cached!, [SINGLE], availability),
      ...WRITE_RATES.map((w) => target(`realistic mix, ${w} writes/s`, availability.origins.cached!, sequence, availability, w)),
      target('realistic mix without the answer cache, 0 writes/s', availability.origins.uncached!, sequence, availability),
      target('realistic mix without the answer cache, 200 writes/s', availability.origins.uncached!, sequence, availability, 200),
    ];
    const stolen = watchCpuSteal();
    const loadOnce = async (t: Target, seconds: number) => {
      await Promise.all(servers.map((s) => s.settled()));
      await availability.ask('writes', t.writes);
      await load(t.origin, '', {}, { connections: 50, seconds: LEAD_IN_SECONDS, paths: t.paths });
      const [cpu0, written0, started] = [await t.server.cpuMicros(), await availability.ask<number>('writes', t.writes), performance.now()];
      const result = await load(t.origin, '', {}, { connections: 50, seconds, paths: t.paths });
      const [cpu1, written1, ended] = [await t.server.cpuMicros(), await availability.ask<number>('writes', 0), performance.now()];
      return {
        ...result,
        cpuMicrosPerRequest: (cpu1 - cpu0) / result.requests,
        writesApplied: (written1 - written0) / ((ended - started) / 1000),
      };
    };
    for (const t of targets) await loadOnce(t, 2);
    for (let round = 0; round < ROUNDS; round += 1) for (const t of targets) t.results.push(await loadOnce(t, SECONDS));
    const steal = stolen();
    const m = (t: Target, key: 'perSecond' | 'p50Ms' | 'p99Ms' | 'cpuMicrosPerRequest' | 'errors' | 'writesApplied') =>
      median(t.results.map((r) => r[key]));
    const base = targets[0]!;
    const setup = `${ROUNDS} rounds × ${SECONDS} s in turn, 50 connections, undici loader for all${pinned ? ', servers on CPU 0, load on CPU 1' : ''}${steal === undefined ? '' : `, ${steal.toFixed(1)} % CPU stolen`}`;
    for (const t of targets) {
      rows.push({
        bench: 'availability-mix',
        metric: `${t.name}, 50 conns`,
        value: m(t, 'perSecond'),
        unit: 'req/s',
        note: `${t === base ? '' : `${((m(t, 'perSecond') / m(base, 'perSecond')) * 100).toFixed(1)} % of bare koa; `}p50 ${m(t, 'p50Ms').toFixed(2)} ms, p99 ${m(t, 'p99Ms').toFixed(2)} ms, ${m(t, 'cpuMicrosPerRequest').toFixed(0)} µs CPU/req${t.writes ? `, ${m(t, 'writesApplied').toFixed(0)} writes/s published` : ''}, errors ${m(t, 'errors')}${t === base ? `; ${setup}` : ''}`,
      });
    }
    const none = targets.find((t) => t.name === 'realistic mix, 0 writes/s')!;
    const most = targets.find((t) => t.name === 'realistic mix, 200 writes/s')!;
    rows.push({
      bench: 'availability-mix',
      metric: 'mix with 200 writes/s / mix with none',
      value: (m(most, 'perSecond') / m(none, 'perSecond')) * 100,
      unit: '%',
      note: 'goal >= 80 %; mix goals: >= 30 % of bare koa with no writes, >= 25 % with 200/s',
    });

    const byShape = new Map<string, string[]>();
    for (const q of [...mix, ...extraShapes()]) (byShape.get(q.shape) ?? byShape.set(q.shape, []).get(q.shape)!).push(q.path);
    for (const [shape, paths] of byShape) {
      await availability.settled();
      await load(availability.origins.uncached!, '', {}, { connections: 1, paths, maxRequests: Math.min(100, paths.length), seconds: 60 });
      await availability.ask('timings');
      await load(availability.origins.uncached!, '', {}, { connections: 1, paths, maxRequests: PER_SHAPE, seconds: 120 });
      const times = await availability.ask<number[]>('timings');
      rows.push({
        bench: 'availability-mix',
        metric: `uncached server time: ${shape}`,
        value: percentile(times, 99),
        unit: 'ms p99',
        note: `p50 ${percentile(times, 50).toFixed(3)} ms over ${times.length} requests, ${paths.length} distinct; goal p99 <= 2 ms`,
      });
    }
  } finally {
    for (const server of servers) await server.stop();
  }
  return rows;
};

/** The module `bench/run.ts` lists. */
export const availabilityMix: BenchModule = { name: 'availability-mix', run };

if (process.argv[1]?.endsWith('availability-mix.ts')) {
  for (const row of await run())
    console.log(`${row.metric}: ${row.value.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${row.unit} ${row.note ?? ''}`);
}
