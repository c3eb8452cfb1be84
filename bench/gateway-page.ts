import { pathToFileURL } from 'node:url';
import { eventually } from '#platform/testing/eventually';
import { median, type BenchModule, type BenchRow } from './bench-module.ts';
import { pinProcess, startChildServer, type ChildServer } from './child-server.ts';
import { defaultLoader, load, type LoadResult } from './http-load.ts';
import type { DomainServicesInput } from './servers/domain-services-server.ts';
import type { GatewayServerInput } from './servers/gateway-server.ts';
import type { NaiveGatewayInput } from './servers/naive-gateway-server.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const LEAD_IN_SECONDS = 1;
const EPISODES = 200;
const V1 = 'application/vnd.itv.ctv.production.v1+hal+json';
/** The composed page, and the availability page it is built on, exactly as the gateway asks for it. */
const GATEWAY_PATH = '/vod/ios/episodes';
const AVAILABILITY_PATH = '/availability/episodes?platform=ios&page=1&size=20';

interface Target {
  readonly origin: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly connections: number;
  readonly server: ChildServer<unknown>;
  /** The processes whose CPU an answer costs: the server, and the services it calls. */
  readonly costs: readonly ChildServer<unknown>[];
  readonly results: (LoadResult & { cpuMicrosPerRequest: number })[];
}

const cpuOf = async (servers: readonly ChildServer<unknown>[]) =>
  (await Promise.all(servers.map((server) => server.cpuMicros()))).reduce((a, b) => a + b, 0);

/**
 * One measured round: every server quiet first (so no round pays for the last one's leftovers,
 * such as the naive gateway's calls still in flight), a second of unmeasured load, then the round.
 */
const loadTarget = async (target: Target, servers: readonly ChildServer<unknown>[]) => {
  await Promise.all(servers.map((server) => server.settled()));
  await load(target.origin, target.path, target.headers, { connections: target.connections, seconds: LEAD_IN_SECONDS });
  const before = await cpuOf(target.costs);
  const result = await load(target.origin, target.path, target.headers, { connections: target.connections, seconds: SECONDS });
  // The loader stops with requests in flight: their work is part of this round's cost.
  await Promise.all(target.costs.map((server) => server.settled()));
  const spent = (await cpuOf(target.costs)) - before;
  target.results.push({ ...result, cpuMicrosPerRequest: spent / Math.max(1, result.requests) });
};

/**
 * A warm 20-item composed page (`GET /vod/ios/episodes`, v1) through the real gateway in a
 * process of its own, over the real catalogue, guidance, licencing and availability in another
 * (the embedded composition minus the gateway, 200 episodes made through the editors' API).
 * Measured in the same run and in turn, so drift hits all three: the availability page the
 * composed page is built on (the real service answering the real gateway's query), and the
 * naive per-item gateway over the same services, in a process of its own. Where the machine
 * allows, the servers share CPU 0 and the load generator (wrk) takes CPU 1.
 */
export const run = async (): Promise<BenchRow[]> => {
  const services = await startChildServer<null>(new URL('./servers/domain-services-server.ts', import.meta.url), {
    episodes: EPISODES,
  } satisfies DomainServicesInput);
  const servers: ChildServer<unknown>[] = [services];
  try {
    const origin = services.origins.services!;
    const gateway = await startChildServer<null>(new URL('./servers/gateway-server.ts', import.meta.url), {
      services: origin,
    } satisfies GatewayServerInput);
    servers.push(gateway);
    const naive = await startChildServer<null>(new URL('./servers/naive-gateway-server.ts', import.meta.url), {
      services: origin,
    } satisfies NaiveGatewayInput);
    servers.push(naive);
    const pinned = servers.every((server) => server.pin('0')) && pinProcess(process.pid, '1');
    const targets = {
      gateway: {
        origin: gateway.origins.gateway!,
        path: GATEWAY_PATH,
        headers: { accept: V1 },
        connections: 50,
        server: gateway,
        costs: [gateway, services],
        results: [],
      } as Target,
      availability: {
        origin,
        path: AVAILABILITY_PATH,
        headers: { accept: 'application/hal+json' },
        connections: 50,
        server: services,
        costs: [services],
        results: [],
      } as Target,
      // Fewer connections: each naive page is 61 calls at the services, which it saturates with
      // far fewer pages in flight, and 50 left the services busy for over 30 s after each round.
      naive: {
        origin: naive.origins.naive!,
        path: '/',
        headers: {},
        connections: 8,
        server: naive,
        costs: [naive, services],
        results: [],
      } as Target,
    };
    await eventually(
      async () => {
        const warm = await fetch(`${targets.gateway.origin}${GATEWAY_PATH}`, { headers: { accept: V1 } });
        const page = (await warm.json()) as { incomplete: boolean; _embedded: { productions: unknown[] } };
        return warm.status === 200 && !page.incomplete && page._embedded.productions.length === 20;
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'a complete, warm 20-item page' },
    );
    const naivePage = (await (await fetch(targets.naive.origin)).json()) as { _embedded: { productions: unknown[] } };
    if (naivePage._embedded.productions.length !== 20)
      throw new Error(`the naive gateway answered ${naivePage._embedded.productions.length} items, not 20`);
    const all = Object.values(targets);
    for (const target of all) await load(target.origin, target.path, target.headers, { connections: target.connections, seconds: 1 });
    const before = await degradations(targets.gateway.origin);
    for (let round = 0; round < ROUNDS; round += 1) for (const target of all) await loadTarget(target, servers);
    const after = await degradations(targets.gateway.origin);
    const during = (counts: Map<string, number>, was: Map<string, number>) =>
      new Map([...counts].map(([k, v]) => [k, v - (was.get(k) ?? 0)] as const).filter(([, v]) => v > 0));
    const degraded = { byReason: during(after.byReason, before.byReason), byUpstream: during(after.byUpstream, before.byUpstream) };
    const m = (target: Target, key: keyof Target['results'][number]) => median(target.results.map((r) => r[key]));
    const { gateway: g, availability: a, naive: n } = targets;
    const note = `${ROUNDS} rounds × ${SECONDS} s each after ${LEAD_IN_SECONDS} s unmeasured, 50 connections (naive 8), ${defaultLoader}${pinned ? ' on CPU 1, servers on CPU 0' : ''}; errors ${m(g, 'errors')}/${m(a, 'errors')}/${m(n, 'errors')}`;
    return [
      { bench: 'gateway-page', metric: 'gateway pages/s', value: m(g, 'perSecond'), unit: 'req/s', note },
      {
        bench: 'gateway-page',
        metric: 'availability pages/s',
        value: m(a, 'perSecond'),
        unit: 'req/s',
        note: `the real service answering ${AVAILABILITY_PATH}, the page the composed one is built on`,
      },
      {
        bench: 'gateway-page',
        metric: 'share of availability',
        value: (100 * m(g, 'perSecond')) / m(a, 'perSecond'),
        unit: '%',
        note: 'warm composed page / its availability page, same run; goal >= 50',
      },
      {
        bench: 'gateway-page',
        metric: 'gateway CPU per page',
        value: m(g, 'cpuMicrosPerRequest'),
        unit: 'µs',
        note: "the gateway's process and the services' together (its rebuilds' conditional requests)",
      },
      {
        bench: 'gateway-page',
        metric: 'availability CPU per page',
        value: m(a, 'cpuMicrosPerRequest'),
        unit: 'µs',
        note: "the services' process",
      },
      {
        bench: 'gateway-page',
        metric: 'share by CPU cost',
        value: (100 * m(a, 'cpuMicrosPerRequest')) / m(g, 'cpuMicrosPerRequest'),
        unit: '%',
        note: 'availability CPU / gateway CPU per page: the share a machine with a core to spare for each would give, less sensitive to other load',
      },
      {
        bench: 'gateway-page',
        metric: 'naive pages/s',
        value: m(n, 'perSecond'),
        unit: 'req/s',
        note: 'baseline: 61 upstream calls per page, no cache, over the same services',
      },
      {
        bench: 'gateway-page',
        metric: 'throughput ratio',
        value: m(g, 'perSecond') / m(n, 'perSecond'),
        unit: 'x',
        note: 'gateway / naive; goal >= 20',
      },
      { bench: 'gateway-page', metric: 'gateway p50', value: m(g, 'p50Ms'), unit: 'ms' },
      { bench: 'gateway-page', metric: 'gateway p99', value: m(g, 'p99Ms'), unit: 'ms' },
      { bench: 'gateway-page', metric: 'availability p99', value: m(a, 'p99Ms'), unit: 'ms' },
      { bench: 'gateway-page', metric: 'naive p50', value: m(n, 'p50Ms'), unit: 'ms' },
      { bench: 'gateway-page', metric: 'naive p99', value: m(n, 'p99Ms'), unit: 'ms' },
      { bench: 'gateway-page', metric: 'p99 ratio', value: m(g, 'p99Ms') / m(n, 'p99Ms'), unit: 'x', note: 'goal <= 0.1' },
      {
        bench: 'gateway-page',
        metric: 'incomplete compositions',
        value: degraded.byReason.get('incomplete') ?? 0,
        unit: 'pages',
        note: `the gateway's own count over the measured rounds, rebuilds behind a kept page included; its degradations then: ${[...degraded.byUpstream].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
      },
    ];
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
};

/** The degradations the gateway counted over the run (vod_gateway_degradations_total), summed by reason then by upstream. */
const degradations = async (gateway: string): Promise<{ byReason: Map<string, number>; byUpstream: Map<string, number> }> => {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  const byReason = new Map<string, number>();
  const byUpstream = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('vod_gateway_degradations_total{')) continue;
    const value = Number(line.split(' ').at(-1));
    const reason = /reason="([^"]+)"/.exec(line)?.[1] ?? '?';
    byReason.set(reason, (byReason.get(reason) ?? 0) + value);
    const upstream = `${/upstream="([^"]+)"/.exec(line)?.[1] ?? '?'} ${reason}`;
    byUpstream.set(upstream, (byUpstream.get(upstream) ?? 0) + value);
  }
  return { byReason, byUpstream };
};

/** The module `bench/run.ts` lists; `tsx bench/gateway-page.ts` runs it alone. */
export const gatewayPage: BenchModule = { name: 'gateway-page', run };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run())
    console.log(`${row.metric.padEnd(22)} ${row.value.toFixed(2).padStart(10)} ${row.unit.padEnd(7)} ${row.note ?? ''}`);
}
