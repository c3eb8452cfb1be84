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
}

const WORKER = /* js */ `
const { parentPort, workerData } = require('node:worker_threads');
const { Pool } = require('undici');
const { origin, path, headers, connections, seconds, maxRequests } = workerData;
(async () => {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies = [];
  let errors = 0, sent = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until && sent < maxRequests) {
      sent += 1;
      const t0 = performance.now();
      const response = await pool.request({ path, method: 'GET', headers });
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
})();
`;

/**
 * Closed-loop load with undici from a worker thread, so the load generator does not steal the
 * event loop of the server it measures: `connections` loops each send the next GET as soon as the
 * last answered, for `seconds` (bounded in time) or `maxRequests` (bounded in count), whichever
 * first. Every latency is recorded; non-200 answers count as errors.
 */
export const load = (origin: string, path: string, headers: Record<string, string>, { connections = 50, seconds = 4, maxRequests = 500_000 }: LoadOptions = {}): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { origin, path, headers, connections, seconds, maxRequests } });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
