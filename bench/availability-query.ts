import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import { createProjector } from '../services/availability/consumers/projector.ts';
import { createInMemoryAvailabilityStore } from '../services/availability/store/in-memory-availability-store.ts';
import { median, type BenchModule, type BenchRow } from './bench-module.ts';
import { pinProcess, startChildServer, type ChildServer } from './child-server.ts';
import { watchCpuSteal } from './cpu-steal.ts';
import { defaultLoader, load, type LoadResult } from './http-load.ts';
import type { AvailabilityServerInput, AvailabilityServerReport } from './servers/availability-server.ts';
import type { FixedBodyInput } from './servers/fixed-body-server.ts';
import { history, PLATFORMS } from './synthetic-catalogue.ts';

const ROUNDS = 5;
const REBUILDS = 3;
const SECONDS = 4;
const WARM_UP_SECONDS = 2;
/** Unmeasured load right before each measured round: see loadTarget. */
const LEAD_IN_SECONDS = 1;
const PATH = '/availability/episodes?platform=ios&channel=ITV&q=kalo&size=20';

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
export const feedApp = (events: readonly EventEnvelope[]) => {
  const logs = new Map<string, EventEnvelope[]>();
  for (const e of events) (logs.get(e.source) ?? logs.set(e.source, []).get(e.source)!).push(e);
  const app = new Koa();
  app.use((ctx) => {
    const source = ctx.path.split('/')[1];
    const after = Number(ctx.query.after ?? 0);
    const limit = Math.min(1000, Number(ctx.query.limit ?? 100));
    const mine = logs.get(`/${source}`) ?? [];
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

/** Ingests the whole history into fresh in-process stores, REBUILDS times; returns the median rate. */
const measureIngest = async (events: readonly EventEnvelope[]) => {
  const ingest: number[] = [];
  for (let round = 0; round < REBUILDS; round += 1) {
    const projector = createProjector({ store: createInMemoryAvailabilityStore(), clock: () => new Date() });
    const started = performance.now();
    for (let i = 0; i < events.length; i += 1000) await projector.applyFeedPage(events.slice(i, i + 1000));
    ingest.push(events.length / ((performance.now() - started) / 1000));
  }
  return median(ingest);
};

/** One server under test, loaded in turn with the others, with its CPU time per answered request. */
interface Target {
  readonly origin: string;
  readonly path: string;
  readonly server: ChildServer<unknown>;
  readonly results: (LoadResult & { cpuMicrosPerRequest: number })[];
}

/**
 * One measured round of a target, in steady state: it starts once every server under test is
 * quiet (an idle V8 runs a memory-reducing full GC some seconds after its load stops, for up to
 * a second of CPU on the shared core), and after a second of unmeasured load, so that the round
 * measures a server in service rather than one waking from the idle spell the other targets'
 * rounds gave it (which the same full GC, JIT and caches make slower at first, baseline too).
 */
const loadTarget = async (target: Target, seconds: number, servers: readonly ChildServer<unknown>[]) => {
  await Promise.all(servers.map((server) => server.settled()));
  await load(target.origin, target.path, {}, { connections: 50, seconds: LEAD_IN_SECONDS });
  const before = await target.server.cpuMicros();
  const result = await load(target.origin, target.path, {}, { connections: 50, seconds });
  const after = await target.server.cpuMicros();
  // The loader stops with requests in flight: let them finish before the next target's round.
  await target.server.settled();
  return { ...result, cpuMicrosPerRequest: (after - before) / result.requests };
};

const fixedBody = (body: Buffer, contentType: string) =>
  startChildServer<null>(new URL('./servers/fixed-body-server.ts', import.meta.url), {
    bodyBase64: body.toString('base64'),
    contentType,
  } satisfies FixedBodyInput);

/**
 * Runs the availability benchmark and returns its figures (medians of five load rounds, of three
 * ingests and rebuilds). Ingest runs in this process. Every server whose answers are measured
 * runs in a process of its own, as it would in production, and the load comes from wrk (or a
 * worker thread of this one): the availability service filled as on start (a catch-up from
 * feeds this process serves over HTTP), the same service rebuilt three times over (the
 * rebuild's timing, and its answers afterwards), a bare koa app answering a fixed 20-item JSON,
 * and a bare koa app answering the very bytes of the availability page. Where the machine
 * allows, the servers are pinned to CPU 0 and this process to CPU 1, so the load generator never
 * takes the measured server's core. Each target is warmed up first (the JIT), then rounds load
 * them in turn so that drift on a shared machine hits all.
 */
export const run = async (): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  let events: EventEnvelope[] | undefined = history();
  rows.push({
    bench: 'availability',
    metric: 'events ingested (1,000 per batch)',
    value: await measureIngest(events),
    unit: 'events/s',
    note: `${events.length.toLocaleString('en-GB')} events`,
  });

  const feed = await listen(feedApp(events));
  const availabilityServer = (rebuilds: number) =>
    startChildServer<AvailabilityServerReport>(new URL('./servers/availability-server.ts', import.meta.url), {
      feedOrigin: feed.origin,
      platforms: PLATFORMS,
      rebuilds,
    } satisfies AvailabilityServerInput);
  // One service filled as it is on start (a catch-up from the feeds), one rebuilt three times
  // over: rebuilds leave the old generation fragmented, which every scavenge pays for.
  const availability = await availabilityServer(0);
  const rebuilt = await availabilityServer(REBUILDS);
  feed.server.closeAllConnections();
  feed.server.close();
  events = undefined;
  rows.push(
    {
      bench: 'availability',
      metric: 'catch up 100,000 episodes from HTTP feeds, on start',
      value: availability.report.catchUpSeconds!,
      unit: 's',
    },
    {
      bench: 'availability',
      metric: 'rebuild 100,000 episodes from HTTP feeds',
      value: median(rebuilt.report.rebuildSeconds),
      unit: 's',
      note: 'goal < 60 s',
    },
  );

  const residentAfterCatchUp = await availability.residentMB();
  const answer = Buffer.from(await (await fetch(`${availability.origins.cached}${PATH}`)).arrayBuffer());
  const probe = JSON.parse(answer.toString()) as { total: number };
  const fixed = Buffer.from(
    JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ episodeId: i, title: `Title ${i}`, available: true })) }),
  );
  const bare = await fixedBody(fixed, 'application/json');
  // The second baseline sends the very bytes of the availability answer, to tell what the size of
  // a HAL page costs (on both ends of loopback) from what the platform's own code costs.
  const sized = await fixedBody(answer, 'application/hal+json');
  const servers = [availability, rebuilt, bare, sized];
  try {
    const pinned = servers.every((server) => server.pin('0')) && pinProcess(process.pid, '1');
    const target = (origin: string | undefined, path: string, server: ChildServer<unknown>): Target => ({
      origin: origin!,
      path,
      server,
      results: [],
    });
    const targets = {
      bare: target(bare.origins.app, '/', bare),
      sized: target(sized.origins.app, '/', sized),
      availability: target(availability.origins.cached, PATH, availability),
      uncached: target(availability.origins.uncached, PATH, availability),
      rebuilt: target(rebuilt.origins.cached, PATH, rebuilt),
    };
    const all = Object.values(targets);
    const stolen = watchCpuSteal();
    for (const t of all) await loadTarget(t, WARM_UP_SECONDS, servers);
    for (let round = 0; round < ROUNDS; round += 1) for (const t of all) t.results.push(await loadTarget(t, SECONDS, servers));
    const figures = (t: Target) => (key: 'perSecond' | 'p50Ms' | 'p99Ms' | 'cpuMicrosPerRequest' | 'errors') =>
      median(t.results.map((r) => r[key]));
    const [b, s, a, u, r] = [
      figures(targets.bare),
      figures(targets.sized),
      figures(targets.availability),
      figures(targets.uncached),
      figures(targets.rebuilt),
    ];
    const latency = (m: typeof b) =>
      `p50 ${m('p50Ms').toFixed(2)} ms, p99 ${m('p99Ms').toFixed(2)} ms, ${m('cpuMicrosPerRequest').toFixed(1)} µs CPU per request`;
    const steal = stolen();
    const setup = `${ROUNDS} rounds × ${SECONDS} s (each after ${LEAD_IN_SECONDS} s of unmeasured load, all servers quiet) after ${WARM_UP_SECONDS} s warm-up, 50 connections, each server in its own process${pinned ? ' on CPU 0' : ''}, load from ${defaultLoader}${pinned ? ' on CPU 1' : ''}${steal === undefined ? '' : `; ${steal.toFixed(1)} % of CPU time stolen by the hypervisor meanwhile`}`;
    rows.push(
      {
        bench: 'availability',
        metric: 'bare koa 20-item JSON, 50 conns',
        value: b('perSecond'),
        unit: 'req/s',
        note: `${latency(b)}; ${setup}`,
      },
      {
        bench: 'availability',
        metric: 'page query (platform, channel, q, size 20), 50 conns',
        value: a('perSecond'),
        unit: 'req/s',
        note: `${latency(a)}; ${probe.total} matches, errors ${a('errors')}`,
      },
      {
        bench: 'availability',
        metric: 'page query / bare koa throughput',
        value: (a('perSecond') / b('perSecond')) * 100,
        unit: '%',
        note: `goal >= 50 %; p99 ${a('p99Ms').toFixed(2)} ms, goal < 10 ms`,
      },
      {
        bench: 'availability',
        metric: `bare koa sending the same ${Math.round(answer.length / 1024)} KB answer, 50 conns`,
        value: s('perSecond'),
        unit: 'req/s',
        note: latency(s),
      },
      {
        bench: 'availability',
        metric: 'page query / bare koa with the same bytes',
        value: (a('perSecond') / s('perSecond')) * 100,
        unit: '%',
        note: "the platform's own cost, size aside",
      },
      {
        bench: 'availability',
        metric: 'page query without the answer cache, 50 conns',
        value: u('perSecond'),
        unit: 'req/s',
        note: `${latency(u)}; every request queries the store`,
      },
      {
        bench: 'availability',
        metric: `page query after ${REBUILDS} rebuilds, 50 conns`,
        value: r('perSecond'),
        unit: 'req/s',
        note: `${latency(r)}; ${((r('perSecond') / b('perSecond')) * 100).toFixed(0)} % of bare koa`,
      },
    );
    const residentAfterLoad = await availability.residentMB();
    if (residentAfterCatchUp !== undefined && residentAfterLoad !== undefined)
      rows.push({
        bench: 'availability',
        metric: 'availability process resident, 100,000 episodes',
        value: Math.max(residentAfterCatchUp, residentAfterLoad),
        unit: 'MB',
        note: `goal ≤ 500 MB; ${residentAfterCatchUp.toFixed(0)} MB after the catch-up, ${residentAfterLoad.toFixed(0)} MB after the load rounds (VmRSS)`,
      });
  } finally {
    for (const server of servers) await server.stop();
  }
  return rows;
};
/** The module `bench/run.ts` lists. */
export const availabilityQuery: BenchModule = { name: 'availability-query', run };

if (process.argv[1]?.endsWith('availability-query.ts')) {
  for (const row of await run())
    console.log(`${row.metric}: ${row.value.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${row.unit} ${row.note ?? ''}`);
}
