import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import anyTest, { type TestFn } from 'ava';
import { eventually } from '#platform/testing/eventually';
import { testAuth } from '#platform/testing/http';
import { editorOf } from './testing/editor.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * The gateway as its own process (`deploy/one-service.ts gateway`, as compose runs it) over the
 * real catalogue, guidance, licencing and availability (one embedded process here), with no fake
 * anywhere. Guidance is reached through a port of its own that forwards to the real service, so
 * the test can close that one upstream's port while the rest stay up: the gateway then sees what
 * it sees when the guidance process stops (connections refused, pooled ones reset).
 */
const test = anyTest as TestFn<{
  gateway: string;
  logs: () => Record<string, unknown>[];
  stopGuidance: () => Promise<void>;
  stop: () => Promise<void>;
}>;

const V2 = 'application/vnd.itv.ctv.production.v2+hal+json';
const WARM = 610_101;
const COLD = 610_102;
const LIMIT = 40;

/** A TCP port forwarding to `target`'s; `close` refuses new connections and resets open ones. */
const forwardingPort = async (target: string) => {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of open) socket.destroy();
      await closed;
    },
  };
};

test.before(async (t) => {
  const services = await startTestPlatform({}, { names: ['catalogue', 'guidance', 'licencing', 'availability'] });
  const editor = await editorOf(services.url);
  await editor.publishProgramme(6101, 'Stopped Streets');
  // COLD is on android only: the gateway's warm-up at start asks web and ios pages, so nothing
  // but the test ever makes it read COLD's guidance.
  for (const [id, platform] of [
    [WARM, 'web'],
    [COLD, 'android'],
  ] as const) {
    await editor.publishEpisode(id, 6101, `Episode ${id}`, id - WARM + 1);
    await editor.setGuidance(id, true, 'Contains Strong Language');
    await editor.grantLicence(id, platform, Date.now() - 3_600_000, Date.now() + 86_400_000);
  }
  const guidance = await forwardingPort(services.url);
  const child = spawn(process.execPath, ['--import', 'tsx', 'deploy/one-service.ts', 'gateway'], {
    cwd: new URL('..', import.meta.url),
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      GATEWAY_RATE_LIMIT: String(LIMIT),
      GATEWAY_UPSTREAM_TIMEOUT_MS: '5000',
      GATEWAY_DEADLINE_MS: '10000',
      TOKEN_SECRET: testAuth.secret,
      TOKEN_ISSUER: testAuth.issuer,
      TOKEN_AUDIENCE: testAuth.audience,
      CATALOGUE_URL: services.url,
      GUIDANCE_URL: guidance.url,
      LICENCING_URL: services.url,
      AVAILABILITY_URL: services.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.context = {
    gateway: '',
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stopGuidance: guidance.close,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await guidance.close();
      await services.stop();
    },
  };
  t.context.gateway = await eventually(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*gateway listening/.exec(output)?.[1], {
    timeoutMs: 60_000,
    description: `the gateway process to listen (output so far: ${output.slice(-500)})`,
  });
  for (const [id, platform] of [
    [WARM, 'web'],
    [COLD, 'android'],
  ] as const) {
    await eventually(
      async () =>
        ((await (await fetch(`${services.url}/availability/episodes/${id}?platform=${platform}`)).json()) as { available?: boolean })
          .available === true,
      { timeoutMs: 30_000, description: `availability to know episode ${id}` },
    );
  }
});
test.after.always((t) => t.context.stop());

test.serial(
  'guidance stopped on purpose: the gateway process logs it (warn, trace id, upstream, platform) and counts it in /metrics',
  async (t) => {
    const { gateway } = t.context;
    const warm = await fetch(`${gateway}/vod/web/episodes/${WARM}`, { headers: { accept: V2 } });
    t.like(await warm.json(), { incomplete: false });
    await t.context.stopGuidance();
    // An episode whose guidance the gateway never read: it has no copy to fall back on.
    const cold = await fetch(`${gateway}/vod/android/episodes/${COLD}`, { headers: { accept: V2 } });
    const body = (await cold.json()) as { incomplete: boolean; unknown?: string[] };
    t.is(cold.status, 200);
    t.true(body.incomplete);
    t.deepEqual(body.unknown, ['guidance']);
    const traceId = cold.headers.get('x-trace-id');
    t.truthy(traceId);
    const warned = await eventually(
      () => {
        const lines = t.context.logs().filter((l) => l.level === 40 && l.upstream === 'guidance');
        return lines.some((l) => l.reason === 'incomplete' && l.traceId === traceId) && lines;
      },
      { timeoutMs: 10_000, description: 'the warn line of the degraded request' },
    );
    const reasons = JSON.stringify(warned.map((l) => [l.reason, l.traceId, l.path]));
    // The call itself may have been begun by another request in flight for the same part (calls
    // for one path are shared), so its lines carry that request's trace id: any trace id, but one.
    const call = warned.filter((l) => l.path === `/guidance/episodes/${COLD}`);
    t.like(
      call.find((l) => ['unreachable', 'timeout', 'server-error', 'bad-body'].includes(l.reason as string)),
      { platform: 'android' },
      `a warn line for the failed call among ${reasons}`,
    );
    t.like(
      call.find((l) => l.reason === 'retry'),
      { platform: 'android' },
      `a warn line for the retry among ${reasons}`,
    );
    t.true(
      call.every((l) => typeof l.traceId === 'string' && /^[0-9a-f]{32}$/.test(l.traceId)),
      `every line names its trace: ${reasons}`,
    );
    const metrics = await (await fetch(`${gateway}/metrics`)).text();
    t.regex(
      metrics,
      /vod_gateway_degradations_total\{upstream="guidance",reason="(?:unreachable|timeout|server-error|bad-body)",platform="android"\} [1-9]/,
    );
    t.regex(metrics, /vod_gateway_degradations_total\{upstream="guidance",reason="incomplete",platform="android"\} [1-9]/);
  },
);

test.serial(
  "the rate limit holds against rotating API keys through the real gateway: unknown keys share their address's budget",
  async (t) => {
    const { gateway } = t.context;
    // The window is one wall-clock minute: a burst crossing a minute's turn is tried again.
    const burst = async () => {
      const minute = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 20; i += 1) {
        const response = await fetch(`${gateway}/vod`, {
          headers: { accept: 'application/hal+json', 'x-api-key': randomBytes(16).toString('hex') },
        });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
      return Math.floor(Date.now() / 60_000) === minute && statuses;
    };
    const statuses = await eventually(burst, { timeoutMs: 180_000, intervalMs: 0, description: 'a burst within one rate-limit window' });
    t.true(
      statuses.filter((s) => s === 200).length <= LIMIT,
      `at most ${LIMIT} served, whatever the keys (served ${statuses.filter((s) => s === 200).length})`,
    );
    t.true(statuses.filter((s) => s === 429).length >= 20, 'the rest refused with 429');
  },
);
