import { pathToFileURL } from 'node:url';
import { silentLogger } from '../platform/lifecycle/logger.ts';
import { serveRouters } from '../platform/testing/http.ts';
import { eventually } from '../platform/testing/eventually.ts';
import { createGateway } from '../gateway/gateway.ts';
import { createFakeUpstreams } from '../gateway/testing/fake-upstreams.ts';
import { median, type BenchModule, type BenchRow } from './bench-module.ts';
import { load, type LoadResult } from './http-load.ts';
import { startNaiveGateway } from './naive-gateway.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const V1 = 'application/vnd.itv.ctv.production.v1+hal+json';

/**
 * A warm 20-item composed page (`GET /vod/ios/episodes`) through the real gateway, side by side
 * in the same run with the naive per-item gateway over the same fake upstreams on loopback.
 * Rounds alternate the two so drift hits both; medians over rounds are reported.
 */
export const run = async (): Promise<BenchRow[]> => {
  const fakes = await createFakeUpstreams({ count: 200, maxAgeSeconds: 30 });
  const gateway = createGateway({ upstreams: fakes.origins, logger: silentLogger(), rateLimitPerMinute: 0, upstreamTimeoutMs: 2_000, deadlineMs: 5_000 });
  const served = await serveRouters(gateway.routers);
  const naive = await startNaiveGateway(fakes.origins);
  const headers = { accept: V1 };
  const naiveSettled = () => eventually(() => naive.inFlight() === 0, { timeoutMs: 30_000, intervalMs: 20, description: 'the naive gateway answered what was in flight' });
  const results: { gateway: LoadResult[]; naive: LoadResult[]; availability: LoadResult[] } = { gateway: [], naive: [], availability: [] };
  // The availability page the composed page is built on, as the gateway asks for it.
  const availabilityPath = '/availability/episodes?platform=ios&page=1&size=20';
  try {
    await eventually(
      async () => {
        const warm = await fetch(`${served.url}/vod/ios/episodes`, { headers });
        const page = (await warm.json()) as { incomplete: boolean; _embedded: { productions: unknown[] } };
        return warm.status === 200 && !page.incomplete && page._embedded.productions.length === 20;
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'a complete, warm 20-item page' },
    );
    await load(served.url, '/vod/ios/episodes', headers, { seconds: 1 });
    await load(naive.url, '/', {}, { seconds: 1 });
    await naiveSettled();
    for (let round = 0; round < ROUNDS; round += 1) {
      results.gateway.push(await load(served.url, '/vod/ios/episodes', headers, { seconds: SECONDS }));
      results.availability.push(await load(fakes.availability.url, availabilityPath, { accept: 'application/hal+json' }, { seconds: SECONDS }));
      results.naive.push(await load(naive.url, '/', {}, { seconds: SECONDS }));
      // Each naive page left in flight still makes its 61 calls in this process: let them finish,
      // or the gateway's next round pays for them.
      await naiveSettled();
    }
  } finally {
    await naive.close();
    await served.close();
    await gateway.stop();
    await fakes.close();
  }
  const m = (which: 'gateway' | 'naive' | 'availability', key: keyof LoadResult) => median(results[which].map((r) => r[key]));
  const note = `${ROUNDS} rounds × ${SECONDS} s, 50 connections, errors ${m('gateway', 'errors')}/${m('naive', 'errors')}`;
  return [
    { bench: 'gateway-page', metric: 'gateway pages/s', value: m('gateway', 'perSecond'), unit: 'req/s', note },
    { bench: 'gateway-page', metric: 'naive pages/s', value: m('naive', 'perSecond'), unit: 'req/s', note: 'baseline: 61 upstream calls per page, no cache' },
    { bench: 'gateway-page', metric: 'throughput ratio', value: m('gateway', 'perSecond') / m('naive', 'perSecond'), unit: 'x', note: 'goal >= 20' },
    { bench: 'gateway-page', metric: 'availability pages/s', value: m('availability', 'perSecond'), unit: 'req/s', note: 'the page the composed one is built on (a bare node server answering bytes kept serialised)' },
    { bench: 'gateway-page', metric: 'share of availability', value: (100 * m('gateway', 'perSecond')) / m('availability', 'perSecond'), unit: '%', note: 'warm composed page / its availability page, same run; goal >= 50' },
    { bench: 'gateway-page', metric: 'gateway p50', value: m('gateway', 'p50Ms'), unit: 'ms' },
    { bench: 'gateway-page', metric: 'gateway p99', value: m('gateway', 'p99Ms'), unit: 'ms' },
    { bench: 'gateway-page', metric: 'naive p50', value: m('naive', 'p50Ms'), unit: 'ms' },
    { bench: 'gateway-page', metric: 'naive p99', value: m('naive', 'p99Ms'), unit: 'ms' },
    { bench: 'gateway-page', metric: 'p99 ratio', value: m('gateway', 'p99Ms') / m('naive', 'p99Ms'), unit: 'x', note: 'goal <= 0.1' },
  ];
};

/** The module `bench/run.ts` lists; `tsx bench/gateway-page.ts` runs it alone. */
export const gatewayPage: BenchModule = { name: 'gateway-page', run };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.metric.padEnd(18)} ${row.value.toFixed(2).padStart(10)} ${row.unit.padEnd(6)} ${row.note ?? ''}`);
}
