import { loadavg } from 'node:os';
import { median, type BenchModule, type BenchRow } from './bench-module.ts';
import { startChildServer, type ChildServer } from './child-server.ts';
import { watchCpuSteal } from './cpu-steal.ts';
import { defaultLoader, load, type LoadResult } from './http-load.ts';
import type { LoopObservation } from './loop-observer.ts';
import type { RebuildReadsInput } from './servers/rebuild-reads-server.ts';
import { PLATFORMS } from './synthetic-catalogue.ts';

const EPISODES = Number(process.env.BENCH_REBUILD_EPISODES ?? 25_000);
const ROUNDS = Number(process.env.BENCH_REBUILD_ROUNDS ?? 3);
const CONNECTIONS = 4;
/** The longest quiet window. */
const MAX_WINDOW_S = 30;
const PATH = '/availability/episodes?platform=ios&channel=ITV&q=kalo&size=20';

interface Window {
  readonly reads: LoadResult;
  readonly loop: LoopObservation;
}

/**
 * Loads the page query while the child watches its own event loop and GC: for `seconds`, or
 * from `start()` until what it returns settles.
 */
const window = async (server: ChildServer<unknown>, origin: string, seconds: number, start?: () => Promise<unknown>): Promise<Window> => {
  await server.ask('observe');
  const until = start?.();
  const reads = await load(origin, PATH, {}, { connections: CONNECTIONS, seconds, ...(until ? { until } : {}) });
  await until;
  return { reads, loop: await server.ask<LoopObservation>('observed') };
};

interface Round {
  readonly quiet: Window;
  readonly during: Window;
  readonly rebuildMs: number;
}

/** One round: a quiet window, then one from a rebuild's start to its end (the staging index's build and the swap included). */
const round = async (server: ChildServer<unknown>, origin: string, seconds: number): Promise<Round> => {
  await server.settled();
  const quiet = await window(server, origin, seconds);
  await server.settled();
  let rebuildMs = 0;
  const during = await window(server, origin, 3_600, async () => (rebuildMs = await server.ask<number>('rebuild')));
  return { quiet, during, rebuildMs };
};

const gcOf = (w: Window, kind: string) => w.loop.gc[kind] ?? { count: 0, totalMs: 0, maxMs: 0 };

/**
 * Reads while the embedded projection is rebuilt (issue 16, item 7): the same page query, from
 * CONNECTIONS closed loops, on a quiet service and then while a rebuild runs in its process,
 * with the feeds served from that process too, as `npm start` does. One rebuild first,
 * unmeasured, warms the JIT and gives its duration, which sizes the quiet windows (at most
 * MAX_WINDOW_S). ROUNDS rounds each give a quiet window and a window that spans a whole rebuild;
 * every row is the median over the rounds, the ratio being each round's own ratio.
 * The child reports what held its loop in each window: the event-loop delay (a 1 ms timer's
 * lateness) and its GC pauses, so a tail can be put down to the rebuild's work or to GC. The
 * goal: p99 during a rebuild at most twice the quiet p99 of the same round.
 */
export const run = async (): Promise<BenchRow[]> => {
  const load1 = loadavg()[0]!;
  const server = await startChildServer<{ catchUpSeconds: number }>(new URL('./servers/rebuild-reads-server.ts', import.meta.url), {
    episodes: EPISODES,
    platforms: PLATFORMS,
  } satisfies RebuildReadsInput);
  try {
    const origin = server.origins.app!;
    const warmUpMs = await server.ask<number>('rebuild');
    const seconds = Math.min(MAX_WINDOW_S, Math.max(2, Math.round(warmUpMs / 1000)));
    await server.settled();
    const stolen = watchCpuSteal();
    await load(origin, PATH, {}, { connections: CONNECTIONS, seconds: 1 });
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i += 1) rounds.push(await round(server, origin, seconds));
    const steal = stolen();
    const m = (f: (r: Round) => number) => median(rounds.map(f));
    const each = (f: (r: Round) => number, digits = 1) => rounds.map((r) => f(r).toFixed(digits)).join(' / ');
    const loadNote = `load average ${load1.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end${steal === undefined ? '' : `; ${steal.toFixed(1)} % CPU stolen`}`;
    const setup = `${EPISODES.toLocaleString('en-GB')} episodes (${(EPISODES * 4).toLocaleString('en-GB')} events), ${ROUNDS} rounds, ${CONNECTIONS} connections from ${defaultLoader} for ${seconds} s quiet and for each whole rebuild, feeds and service in one process; ${loadNote}`;
    const row = (metric: string, value: number, unit: string, note?: string): BenchRow => ({
      bench: 'rebuild-reads',
      metric,
      value,
      unit,
      ...(note ? { note } : {}),
    });
    return [
      row(
        'page query p50, quiet',
        m((r) => r.quiet.reads.p50Ms),
        'ms',
        `${m((r) => r.quiet.reads.perSecond).toFixed(0)} req/s; ${setup}`,
      ),
      row(
        'page query p99, quiet',
        m((r) => r.quiet.reads.p99Ms),
        'ms',
        `rounds: ${each((r) => r.quiet.reads.p99Ms)}`,
      ),
      row(
        'page query p50, during a rebuild',
        m((r) => r.during.reads.p50Ms),
        'ms',
        `${m((r) => r.during.reads.perSecond).toFixed(0)} req/s, errors ${rounds.reduce((n, r) => n + r.during.reads.errors, 0)}`,
      ),
      row(
        'page query p99, during a rebuild',
        m((r) => r.during.reads.p99Ms),
        'ms',
        `rounds: ${each((r) => r.during.reads.p99Ms)}`,
      ),
      row(
        'p99 during a rebuild / quiet p99',
        m((r) => r.during.reads.p99Ms / r.quiet.reads.p99Ms),
        '×',
        `goal <= 2; rounds: ${each((r) => r.during.reads.p99Ms / r.quiet.reads.p99Ms, 2)}`,
      ),
      row(
        'loop delay p99, quiet',
        m((r) => r.quiet.loop.delayP99Ms),
        'ms',
        `max ${m((r) => r.quiet.loop.delayMaxMs).toFixed(1)} ms`,
      ),
      row(
        'loop delay p99, during a rebuild',
        m((r) => r.during.loop.delayP99Ms),
        'ms',
        `max ${m((r) => r.during.loop.delayMaxMs).toFixed(1)} ms`,
      ),
      row(
        'scavenge pauses, quiet',
        m((r) => (gcOf(r.quiet, 'scavenge').totalMs / r.quiet.loop.wallMs) * 100),
        '% of wall',
        `${m((r) => gcOf(r.quiet, 'scavenge').count)} pauses, longest ${m((r) => gcOf(r.quiet, 'scavenge').maxMs).toFixed(1)} ms`,
      ),
      row(
        'scavenge pauses, during a rebuild',
        m((r) => (gcOf(r.during, 'scavenge').totalMs / r.during.loop.wallMs) * 100),
        '% of wall',
        `${m((r) => gcOf(r.during, 'scavenge').count)} pauses, longest ${m((r) => gcOf(r.during, 'scavenge').maxMs).toFixed(1)} ms`,
      ),
      row(
        'mark-compact pauses, during a rebuild',
        m((r) => (gcOf(r.during, 'mark-compact').totalMs / r.during.loop.wallMs) * 100),
        '% of wall',
        `${m((r) => gcOf(r.during, 'mark-compact').count)} pauses, longest ${m((r) => gcOf(r.during, 'mark-compact').maxMs).toFixed(1)} ms; incremental steps ${m((r) => gcOf(r.during, 'incremental marking').count)}, longest ${m((r) => gcOf(r.during, 'incremental marking').maxMs).toFixed(1)} ms`,
      ),
      row(
        'server CPU, during a rebuild',
        m((r) => (r.during.loop.cpuMs / r.during.loop.wallMs) * 100),
        '% of a core',
        `quiet ${m((r) => (r.quiet.loop.cpuMs / r.quiet.loop.wallMs) * 100).toFixed(0)} %`,
      ),
      row(
        'rebuild under that read load',
        m((r) => r.rebuildMs / 1000),
        's',
        `unloaded (warm-up) ${(warmUpMs / 1000).toFixed(1)} s; rounds: ${each((r) => r.rebuildMs / 1000)}`,
      ),
    ];
  } finally {
    await server.stop();
  }
};

/** The module `bench/run.ts` lists. */
export const availabilityRebuildReads: BenchModule = { name: 'rebuild-reads', run };
