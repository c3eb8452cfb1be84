import { varnishAvailable } from '../edge/varnish/varnish-available.ts';
import { percentile, type BenchModule, type BenchRow } from './bench-module.ts';
import { startDistributedEdgePlatform } from './edge/distributed-platform.ts';
import { createEditor } from './edge/edge-commands.ts';
import { stageQuantiles } from './edge/stage-figures.ts';
import { EPISODES, V1, readSet, type Check } from './edge/edge-scenario.ts';

const COMMANDS = Number(process.env.EDGE_BENCH_COMMANDS ?? 200);
const LOAD_PER_SECOND = Number(process.env.EDGE_BENCH_LOAD ?? 300);
const SPACING_MS = Number(process.env.EDGE_BENCH_SPACING_MS ?? 1_000);
/** How often a check reads its paths through the edge: 50 ms resolution, at a CPU cost the platform can spare. */
const EDGE_POLL_MS = Number(process.env.EDGE_BENCH_POLL_MS ?? 50);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const read = async (base: string, path: string) => {
  try {
    const response = await fetch(`${base}${path}`, { headers: { accept: path.startsWith('/vod/') ? V1 : 'application/hal+json' } });
    const text = await response.text();
    return {
      status: response.status,
      body: response.status === 200 ? (JSON.parse(text) as unknown) : undefined,
      text,
      cache: response.headers.get('x-cache') ?? '',
    };
  } catch {
    return { status: 0, body: undefined, text: '', cache: '' };
  }
};

/**
 * Milliseconds from `started` until every path of `check` shows the change read from `base`, or
 * undefined past `capMs`; and the path whose answer settled last (what kept the change from the
 * client longest), with when it did and whether Varnish served it as a hit.
 */
const timeToFresh = async (base: (path: string) => string, check: Check, started: number, intervalMs: number, capMs: number) => {
  const settled = new Map<string, { text: string; at: number; cache: string }>();
  for (;;) {
    const answers = new Map(await Promise.all(check.paths.map(async (path) => [path, await read(base(path), path)] as const)));
    const elapsed = performance.now() - started;
    for (const [path, answer] of answers)
      if (settled.get(path)?.text !== answer.text) settled.set(path, { text: answer.text, at: elapsed, cache: answer.cache });
    if (check.fresh(answers)) {
      const [path, last] = [...settled].sort((a, b) => b[1].at - a[1].at)[0]!;
      return { ms: elapsed, last: `${path} at ${last.at.toFixed(0)} ms (${last.cache || 'origin'})` };
    }
    if (elapsed > capMs) return { ms: undefined, last: '' };
    await pause(intervalMs);
  }
};

/** A steady read load through the edge: `perSecond` requests over the whole read set, at most 16 in flight. */
const startLoad = (base: string, readPaths: () => readonly string[], perSecond: number) => {
  let inFlight = 0;
  let sent = 0;
  const timer = setInterval(() => {
    const paths = readPaths();
    for (let i = 0; i < perSecond / 50 && inFlight < 32; i += 1) {
      inFlight += 1;
      sent += 1;
      void read(base, paths[Math.floor(Math.random() * paths.length)]!).finally(() => (inFlight -= 1));
    }
  }, 20);
  return { stop: () => clearInterval(timer), sent: () => sent };
};

/**
 * Edge freshness in the distributed mode (RabbitMQ, PostgreSQL, a process per component, Varnish
 * in front, the invalidator purging it): after each of 200 editors' commands (grants, revocations,
 * window amendments, guidance changes, withdrawals), the time until the item and every list that
 * held it (or now should) answer the change through Varnish, while a steady read load runs; and
 * the same change read from the gateway and services directly, today's time-based caching, in
 * the same run. The hit ratio is Varnish's own (MAIN.cache_hit and cache_miss) over the run.
 */
export const edgeFreshness: BenchModule = {
  name: 'edge-freshness',
  async run(): Promise<BenchRow[]> {
    if (!varnishAvailable()) {
      console.warn('edge-freshness SKIPPED: needs varnishd and vmod xkey (apt-get install varnish varnish-modules)');
      return [];
    }
    const platform = await startDistributedEdgePlatform();
    try {
      const { urls, varnish } = platform;
      const origin = (path: string) =>
        path.startsWith('/vod/')
          ? urls.today
          : path.startsWith('/availability')
            ? urls.availability
            : path.startsWith('/catalogue')
              ? urls.catalogue
              : urls.guidance;
      const edge = () => varnish.url;
      const editor = createEditor(urls, platform.token);
      await editor.seed();
      const seeded = {
        paths: ['/availability/episodes?platform=ios&q=edge&size=100'],
        fresh: (a: ReadonlyMap<string, { body: unknown }>) =>
          (a.values().next().value?.body as { total?: number })?.total === EPISODES.length,
      };
      if ((await timeToFresh(origin, seeded, performance.now(), 200, 60_000)).ms === undefined)
        throw new Error('availability did not project the seeded episodes');
      for (const path of readSet()) await read(varnish.url, path);
      const load = startLoad(varnish.url, () => readSet(editor.live()), LOAD_PER_SECOND);
      const before = await varnish.counters();
      const results: { kind: string; edge?: number; origin?: number }[] = [];
      const busy = new Set<number>();
      const pending: Promise<void>[] = [];
      for (let n = 0; n < COMMANDS; n += 1) {
        while (EPISODES.length - busy.size < 25) await pause(100);
        const { kind, episodeId, check } = await editor.command(n, busy);
        const started = performance.now();
        busy.add(episodeId);
        pending.push(
          Promise.all([timeToFresh(edge, check, started, EDGE_POLL_MS, 20_000), timeToFresh(origin, check, started, 250, 60_000)])
            .then(([edgeMs, originMs]) => {
              results.push({ kind, edge: edgeMs.ms, origin: originMs.ms });
              if (process.env.EDGE_BENCH_VERBOSE)
                console.log(
                  `  ${kind} ${episodeId}: edge ${edgeMs.ms?.toFixed(0)} ms (last ${edgeMs.last}), direct ${originMs.ms?.toFixed(0)} ms`,
                );
            })
            .finally(() => busy.delete(episodeId)),
        );
        await pause(SPACING_MS);
      }
      await Promise.all(pending);
      const after = await varnish.counters();
      load.stop();
      const hits = after.cache_hit! - before.cache_hit!;
      const misses = after.cache_miss! - before.cache_miss!;
      const times = (which: 'edge' | 'origin') => results.map((r) => r[which]).filter((ms): ms is number => ms !== undefined);
      const missing = (which: 'edge' | 'origin') => results.filter((r) => r[which] === undefined).length;
      const kinds = [...new Set(results.map((r) => r.kind))]
        .map((kind) => `${kind} ${results.filter((r) => r.kind === kind).length}`)
        .join(', ');
      const stages = stageQuantiles(await (await fetch(`${urls.invalidator}/metrics`)).text());
      const row = (metric: string, value: number, unit: string, note?: string): BenchRow => ({
        bench: 'edge-freshness',
        metric,
        value,
        unit,
        ...(note ? { note } : {}),
      });
      return [
        row(
          'through Varnish, purged: p50',
          percentile(times('edge'), 50),
          'ms',
          `${results.length} commands (${kinds}); item and every list that held it, polled every ${EDGE_POLL_MS} ms`,
        ),
        row('through Varnish, purged: p99', percentile(times('edge'), 99), 'ms', `goal <= 1000; ${missing('edge')} not fresh within 20 s`),
        row(
          'today, time-based (gateway direct): p50',
          percentile(times('origin'), 50),
          'ms',
          'same commands, same run, polled every 250 ms',
        ),
        row('today, time-based (gateway direct): p99', percentile(times('origin'), 99), 'ms', `${missing('origin')} not fresh within 60 s`),
        ...stages.map(({ stage, count, p50, p99 }) =>
          row(`invalidator stage ${stage}: p50 / p99 (bucket bounds)`, p50, 'ms', `p99 <= ${p99} ms; ${count} events`),
        ),
        row(
          'Varnish hit ratio',
          (100 * hits) / Math.max(1, hits + misses),
          '%',
          `goal >= 90; MAIN.cache_hit ${hits}, cache_miss ${misses}; steady load ${LOAD_PER_SECOND}/s (${load.sent()} requests) plus the checks' polls`,
        ),
      ];
    } finally {
      await platform.stop();
    }
  },
};
