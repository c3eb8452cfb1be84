import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { Client } from 'undici';
import { eventually } from '#platform/testing/eventually';

/**
 * SIGTERM under load, against the real `npm start` entry point. Keep-alive clients on loopback
 * send requests back to back (the gateway's composition, which calls back into the process,
 * availability, the catalogue) until the process is gone.
 *
 * What counts:
 * - failed: a request the server accepted (sent on an open connection) that got no answer, a
 *   reset, or a 5xx. The drain promises these never happen.
 * - refused: ECONNREFUSED when a client opens a new connection after the listener closed. The
 *   request never reached the process, a client or balancer can send it elsewhere, so it is the
 *   signal for that client to stop, not a failure.
 */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const PATHS = [
  '/vod/ios/episodes?channel=ITV',
  '/availability/episodes?platform=ios',
  '/catalogue',
  '/guidance',
  '/licencing/licences?episode=123456',
];
const HEADERS = { accept: 'application/vnd.itv.ctv.production.v1+hal+json, application/hal+json' };

test('SIGTERM under load: readiness turns false, no accepted request fails, the process exits 0 within 10 s', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-shutdown-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'deploy/all-in-one.ts'], {
    cwd: new URL('..', import.meta.url),
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      GATEWAY_RATE_LIMIT: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  t.teardown(async () => {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });
  await eventually(async () => (await fetch(`${url}/health/ready`)).ok, {
    timeoutMs: 150_000,
    intervalMs: 250,
    description: 'the platform is ready',
  });

  const counts = { ok: 0, failed: 0, refused: 0, afterSignal: 0 };
  const failures: string[] = [];
  let signalledAt = 0;
  const worker = async (index: number) => {
    const client = new Client(url, { pipelining: 1, keepAliveTimeout: 30_000 });
    try {
      for (let i = index; ; i += 1) {
        try {
          const response = await client.request({ path: PATHS[i % PATHS.length]!, method: 'GET', headers: HEADERS });
          await response.body.dump();
          if (response.statusCode >= 500) throw new Error(`status ${response.statusCode}`);
          counts.ok += 1;
          if (signalledAt) counts.afterSignal += 1;
        } catch (error) {
          if ((error as { code?: string }).code === 'ECONNREFUSED') {
            counts.refused += 1;
            return;
          }
          counts.failed += 1;
          failures.push(`${PATHS[i % PATHS.length]}: ${(error as Error).message}`);
          if (counts.failed > 20) return;
        }
      }
    } finally {
      await client.destroy();
    }
  };
  const load = Promise.all(Array.from({ length: 12 }, (_, i) => worker(i)));

  await eventually(() => counts.ok > 100, { timeoutMs: 60_000, description: 'the load is under way' });
  const probe = new Client(url, { pipelining: 1 });
  await (await probe.request({ path: '/health/ready', method: 'GET' })).body.dump();
  signalledAt = Date.now();
  child.kill('SIGTERM');
  const readiness = await eventually(
    async () => {
      const response = await probe.request({ path: '/health/ready', method: 'GET' });
      await response.body.dump();
      return response.statusCode === 503 && response.statusCode;
    },
    { timeoutMs: 10_000, intervalMs: 1, description: 'readiness turned false on a kept-alive connection' },
  );
  await probe.destroy();

  const code = await exited;
  const tookMs = Date.now() - signalledAt;
  await load;
  t.log({ ...counts, tookMs });
  t.is(readiness, 503);
  t.deepEqual(failures, [], stderr);
  t.is(counts.failed, 0);
  t.true(counts.ok > 100, 'the load was real');
  t.true(counts.afterSignal > 0, 'requests in flight at the signal were answered');
  t.is(counts.refused, 12, 'every client stopped on a refused new connection');
  t.is(code, 0, stderr);
});
