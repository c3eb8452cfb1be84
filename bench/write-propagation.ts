import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as pause } from 'node:timers/promises';
import { request } from 'undici';
import { pacedBareAmqp } from './bare-amqp-loop.ts';
import { percentile, type BenchModule, type BenchRow } from './bench-module.ts';
import { createPropagationEditor, type Write } from './propagation/propagation-editor.ts';
import { startPropagationPlatform } from './propagation/propagation-platform.ts';

const RATE = Number(process.env.PROPAGATION_RATE ?? 50);
const SECONDS = Number(process.env.PROPAGATION_SECONDS ?? 20);
const POLL_MS = Number(process.env.PROPAGATION_POLL_MS ?? 2);
const CAP_MS = 10_000;

/** User + system CPU time of a process so far, in ms (from /proc; 10 ms ticks). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/**
 * Reads one episode's availability item on ios, timing the round trip. With undici's `request`,
 * not `fetch`: a poll every few ms for every write in flight made `fetch`'s CPU cost saturate
 * the bench's own process, whose event-loop lag then showed as propagation time.
 */
const readItem = async (availability: string, episodeId: number, rtts: number[]) => {
  const started = performance.now();
  const response = await request(`${availability}/availability/episodes/${episodeId}?platform=ios`);
  const body =
    response.statusCode === 200 ? ((await response.body.json()) as Record<string, unknown>) : (await response.body.dump(), undefined);
  rtts.push(performance.now() - started);
  return body;
};

/** Milliseconds from the write's acknowledgement until availability's item shows it, polled every POLL_MS; undefined past CAP_MS. */
const timeToShow = async (availability: string, write: Write, rtts: number[]) => {
  for (;;) {
    const item = await readItem(availability, write.episodeId, rtts);
    const elapsed = performance.now() - write.ackedAt;
    if (item && write.shows(item)) return elapsed;
    if (elapsed > CAP_MS) return undefined;
    await pause(POLL_MS);
  }
};

/**
 * Write propagation in the distributed mode: editors' writes (a licence window amended, guidance
 * set, an episode retitled, in turn) sent through the services' API at RATE per second, and for
 * each the time from the service's 2xx until `GET /availability/episodes/:id` shows it, through
 * the outbox, the relay, RabbitMQ and availability's consumer, every component in its own
 * process. Beside it, same run: a bare amqplib loop at the same rate on the same broker (what
 * the broker alone costs a confirmed persistent message) and the item read's own round trip
 * (the measurement's resolution, with POLL_MS between polls).
 */
export const writePropagation: BenchModule = {
  name: 'write-propagation',
  async run(): Promise<BenchRow[]> {
    const platform = await startPropagationPlatform();
    try {
      const { urls } = platform;
      const editor = createPropagationEditor(urls, platform.token);
      await editor.seed();
      const list = `${urls.availability}/availability/episodes?platform=ios&q=propagation&size=1`;
      const deadline = Date.now() + 60_000;
      while (((await (await fetch(list)).json()) as { total?: number }).total !== editor.episodes.length) {
        if (Date.now() > deadline) throw new Error('availability did not project the seeded episodes within 60 s');
        await pause(200);
      }
      const body = Buffer.from(
        JSON.stringify({ specversion: '1.0', type: 'licencing.licence.window-amended', data: { x: 'x'.repeat(400) } }),
      );
      const bare = await pacedBareAmqp(platform.amqpUrl, RATE, Math.max(5, SECONDS / 2), body);

      const paced = async (count: number, perSecond: number) => {
        const latencies: number[] = [];
        const acks: number[] = [];
        const rtts: number[] = [];
        let missed = 0;
        const failures: unknown[] = [];
        const started = performance.now();
        const writes: Promise<void>[] = [];
        for (let n = 0; n < count; n += 1) {
          const wait = started + (n * 1000) / perSecond - performance.now();
          if (wait > 1) await pause(wait);
          const sent = performance.now();
          writes.push(
            editor.write(n).then(
              async (write) => {
                acks.push(write.ackedAt - sent);
                const ms = await timeToShow(urls.availability, write, rtts);
                editor.done(write.episodeId);
                if (ms !== undefined) latencies.push(ms);
                else if (missed++ === 0)
                  console.warn(
                    `write-propagation: a ${write.kind} of episode ${write.episodeId} not shown after ${CAP_MS} ms; the item: ${JSON.stringify(await readItem(urls.availability, write.episodeId, []))}`,
                  );
              },
              (error: unknown) => void failures.push(error),
            ),
          );
        }
        await Promise.all(writes);
        if (failures.length === count) throw new Error(`every write failed, the first: ${String(failures[0])}`);
        if (failures.length > 0)
          console.warn(`write-propagation: ${failures.length} of ${count} writes not acknowledged, the first: ${String(failures[0])}`);
        return { latencies, acks, rtts, missed, failed: failures.length, rate: count / ((performance.now() - started) / 1000) };
      };
      await paced(Math.min(60, RATE * 2), Math.max(5, RATE / 5)); // warms every process's paths up
      const loadBefore = loadavg()[0]!;
      const ownBefore = process.cpuUsage();
      const runStarted = performance.now();
      const cpuBefore = Object.fromEntries(Object.entries(platform.pids).map(([name, pid]) => [name, cpuMs(pid)]));
      const run = await paced(RATE * SECONDS, RATE);
      const own = process.cpuUsage(ownBefore);
      const ownShare = (own.user + own.system) / 10 / (performance.now() - runStarted);
      const cpu = Object.entries(platform.pids).map(([name, pid]) => ({ name, ms: (cpuMs(pid) - cpuBefore[name]!) / (RATE * SECONDS) }));
      const load = `load ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;
      const row = (metric: string, value: number, unit: string, note?: string): BenchRow => ({
        bench: 'write-propagation',
        metric,
        value,
        unit,
        ...(note ? { note } : {}),
      });
      const writes = `${run.latencies.length + run.missed} writes acknowledged (${run.failed} refused) at ${RATE}/s (${run.rate.toFixed(1)} achieved), amend/guidance/retitle in turn`;
      return [
        row('ack → shown in /availability p50', percentile(run.latencies, 50), 'ms', writes),
        row(
          'ack → shown in /availability p99',
          percentile(run.latencies, 99),
          'ms',
          `goal ≤ 20; ${run.missed} not shown within ${CAP_MS / 1000} s; ${load}`,
        ),
        row('ack → shown in /availability max', Math.max(...run.latencies), 'ms'),
        row(
          'write acknowledged p50 / p99',
          percentile(run.acks, 50),
          'ms',
          `p99 ${percentile(run.acks, 99).toFixed(1)} ms: the editor's request itself`,
        ),
        row(
          'baseline: bare amqplib publish → consume p50',
          percentile(bare.latenciesMs, 50),
          'ms',
          `same broker, ${RATE}/s, persistent, confirmed, quorum queue`,
        ),
        row('baseline: bare amqplib publish → consume p99', percentile(bare.latenciesMs, 99), 'ms'),
        row(
          'baseline: availability item read p50',
          percentile(run.rtts, 50),
          'ms',
          `p99 ${percentile(run.rtts, 99).toFixed(1)} ms; polled every ${POLL_MS} ms + this (the resolution)`,
        ),
        row(
          "bench process's own CPU",
          ownShare,
          '% of a core',
          'the editor and the polls: near 100 % would make its own lag part of the figures',
        ),
        ...cpu.map(({ name, ms }) => row(`CPU per write: ${name}`, ms, 'ms', 'user + system, the polls included for availability')),
      ];
    } finally {
      await platform.stop();
    }
  },
};
