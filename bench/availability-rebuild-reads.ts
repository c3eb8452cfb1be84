import { setTimeout as delay } from 'node:timers/promises';
import { type BenchModule, type BenchRow } from './bench-module.ts';
import { startChildServer } from './child-server.ts';
import { watchCpuSteal } from './cpu-steal.ts';
import { defaultLoader, load } from './http-load.ts';
import type { RebuildReadsInput } from './servers/rebuild-reads-server.ts';
import { PLATFORMS } from './synthetic-catalogue.ts';

const EPISODES = Number(process.env.BENCH_REBUILD_EPISODES ?? 25_000);
const CONNECTIONS = 4;
const PATH = '/availability/episodes?platform=ios&channel=ITV&q=kalo&size=20';

/**
 * Reads while the embedded projection is rebuilt (issue 16, item 7): the same page query, from
 * CONNECTIONS closed loops, first on a quiet service and then while a rebuild runs in its process,
 * with the feeds served from that process too, as `npm start` does. One rebuild first, unmeasured,
 * warms the JIT and gives its duration, which sizes both measured windows (so the second lies
 * within the rebuild). The goal: p99 during the rebuild at most twice the quiet p99.
 */
export const run = async (): Promise<BenchRow[]> => {
  const server = await startChildServer<{ catchUpSeconds: number }>(new URL('./servers/rebuild-reads-server.ts', import.meta.url), { episodes: EPISODES, platforms: PLATFORMS } satisfies RebuildReadsInput);
  try {
    const origin = server.origins.app!;
    const warmUpMs = await server.ask<number>('rebuild');
    const seconds = Math.max(2, Math.floor((warmUpMs / 1000) * 0.7));
    await server.settled();
    const stolen = watchCpuSteal();
    await load(origin, PATH, {}, { connections: CONNECTIONS, seconds: 1 });
    const quiet = await load(origin, PATH, {}, { connections: CONNECTIONS, seconds });
    await server.settled();
    const started = performance.now();
    const rebuilding = server.ask<number>('rebuild');
    await delay(100);
    const during = await load(origin, PATH, {}, { connections: CONNECTIONS, seconds });
    const rebuildMs = await rebuilding;
    const overlap = Math.min(1, (performance.now() - started) / rebuildMs);
    const steal = stolen();
    const setup = `${EPISODES.toLocaleString('en-GB')} episodes (${(EPISODES * 4).toLocaleString('en-GB')} events), ${CONNECTIONS} connections from ${defaultLoader} for ${seconds} s each, feeds and service in one process${steal === undefined ? '' : `; ${steal.toFixed(1)} % CPU stolen`}`;
    return [
      { bench: 'rebuild-reads', metric: 'page query p50, quiet', value: quiet.p50Ms, unit: 'ms', note: `${quiet.perSecond.toFixed(0)} req/s; ${setup}` },
      { bench: 'rebuild-reads', metric: 'page query p99, quiet', value: quiet.p99Ms, unit: 'ms' },
      { bench: 'rebuild-reads', metric: 'page query p50, during a rebuild', value: during.p50Ms, unit: 'ms', note: `${during.perSecond.toFixed(0)} req/s, errors ${during.errors}` },
      { bench: 'rebuild-reads', metric: 'page query p99, during a rebuild', value: during.p99Ms, unit: 'ms', note: `the load window covered ${(overlap * 100).toFixed(0)} % of the rebuild's time` },
      { bench: 'rebuild-reads', metric: 'p99 during a rebuild / quiet p99', value: during.p99Ms / quiet.p99Ms, unit: '×', note: 'goal <= 2' },
      { bench: 'rebuild-reads', metric: 'rebuild under that read load', value: rebuildMs / 1000, unit: 's', note: `unloaded (warm-up) ${(warmUpMs / 1000).toFixed(1)} s` },
    ];
  } finally {
    await server.stop();
  }
};

/** The module `bench/run.ts` lists. */
export const availabilityRebuildReads: BenchModule = { name: 'rebuild-reads', run };
