import { execFile, execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';

export interface LoadResult {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

export interface LoadOptions {
  readonly connections?: number;
  readonly seconds?: number;
  readonly maxRequests?: number;
  /** A sequence of paths to ask in turn (a query mix) instead of one path; always loaded by undici. */
  readonly paths?: readonly string[];
  /** Ends the load early once it settles (then `seconds` is only a bound). */
  readonly until?: Promise<unknown>;
}

const WORKER = /* js */ `
const { parentPort, workerData } = require('node:worker_threads');
const { Pool } = require('undici');
const { origin, path, paths, headers, connections, seconds, maxRequests } = workerData;
(async () => {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies = [];
  let errors = 0, sent = 0;
  const started = performance.now();
  let until = started + seconds * 1000;
  // 'stop' ends the run early (loadUntil); the loops finish the requests they have in flight.
  parentPort.on('message', (message) => { if (message === 'stop') until = 0; });
  const worker = async () => {
    while (performance.now() < until && sent < maxRequests) {
      sent += 1;
      const t0 = performance.now();
      const response = await pool.request({ path: paths ? paths[sent % paths.length] : path, method: 'GET', headers });
      await response.body.dump();
      latencies.push(performance.now() - t0);
      if (response.statusCode !== 200) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const rank = (p) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))];
  parentPort.postMessage({ requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: rank(50), p99Ms: rank(99), errors });
  parentPort.close();
})();
`;

const wrkInstalled = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
})();

/** Which loader `load` uses by default, for the report. */
export const defaultLoader = wrkInstalled ? 'wrk' : 'undici';

const toMs = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit]!;

/** Parses what `wrk --latency` prints; throws when the run is not there to read. */
export const parseWrk = (output: string): LoadResult => {
  const count = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(output);
  const p50 = /\s50%\s+([\d.]+)(us|ms|s|m)/.exec(output);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s|m)/.exec(output);
  if (!count || !p50 || !p99) throw new Error(`unexpected wrk output: ${output}`);
  const requests = Number(count[1]);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    requests,
    perSecond: requests / (toMs(count[2]!, count[3]!) / 1000),
    p50Ms: toMs(p50[1]!, p50[2]!),
    p99Ms: toMs(p99[1]!, p99[2]!),
    errors: non2xx + socketErrors,
  };
};

const wrk = (
  origin: string,
  path: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  until?: Promise<unknown>,
) =>
  new Promise<LoadResult>((resolve, reject) => {
    const args = [
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      '--timeout',
      '30s',
      '--latency',
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
      `${origin}${path}`,
    ];
    const child = execFile('wrk', args, (error, stdout) => {
      if (error && !until) return reject(error);
      try {
        resolve(parseWrk(stdout));
      } catch (parseError) {
        reject(parseError as Error);
      }
    });
    // wrk stops at SIGINT and prints what it measured so far.
    void until?.finally(() => child.kill('SIGINT'));
  });

/**
 * Closed-loop load: `connections` loops each send the next GET as soon as the last answered, for
 * `seconds` (bounded in time) or `maxRequests` (bounded in count), whichever first. With `wrk`
 * installed (Debian's package) it runs in a process of its own, in C, so it takes far less CPU
 * than the server it measures; otherwise undici loads from a worker thread, so at least it does
 * not share the event loop of a server in this process. Every latency is recorded; non-2xx
 * answers (and, with wrk, socket errors) count as errors.
 */
export const load = (
  origin: string,
  path: string,
  headers: Record<string, string>,
  { connections = 50, seconds = 4, maxRequests, paths, until }: LoadOptions = {},
): Promise<LoadResult> =>
  wrkInstalled && maxRequests === undefined && paths === undefined
    ? wrk(origin, path, headers, connections, seconds, until)
    : new Promise((resolve, reject) => {
        const worker = new Worker(WORKER, {
          eval: true,
          workerData: { origin, path, paths, headers, connections, seconds, maxRequests: maxRequests ?? 500_000 },
        });
        void until?.finally(() => worker.postMessage('stop'));
        worker.once('message', (result: LoadResult) => {
          resolve(result);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
