import test from 'ava';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createHttpApp } from '#platform/http/app';
import { mountRouter } from '#platform/http/mount';
import { createLogger } from '#platform/lifecycle/logger';
import { createGateway } from '../gateway.ts';
import { createFakeUpstreams } from '../testing/fake-upstreams.ts';
import { V1 } from '../testing/serve-gateway.ts';

/** A gateway over fakes on the real koa app with the async trace scope on, as composePlatform serves it; logs and metrics captured. */
const observedGateway = async (t: import('ava').ExecutionContext) => {
  const fakes = await createFakeUpstreams({ count: 30 });
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('gateway-test', 'warn', {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const registry = new Registry();
  const gateway = createGateway({
    upstreams: fakes.origins,
    logger,
    registry,
    rateLimitPerMinute: 0,
    upstreamTimeoutMs: 2_000,
    deadlineMs: 5_000,
    breaker: { failureThreshold: 3, openMs: 60_000 },
  });
  const app = createHttpApp({ logger, asyncTraceScope: true });
  for (const router of gateway.routers) mountRouter(app, router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.teardown(async () => {
    server.close();
    await gateway.stop();
    await fakes.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, fakes, gateway, lines, registry };
};

test('GET /vod/ios/episodes with guidance stopped: every failed call, retry, circuit change and the incomplete answer are logged with trace id and counted', async (t) => {
  const { url, fakes, lines, registry, gateway } = await observedGateway(t);
  await fakes.guidance.stop();
  const response = await fetch(`${url}/vod/ios/episodes`, { headers: { accept: V1 } });
  const body = (await response.json()) as { incomplete: boolean };
  t.true(body.incomplete);
  const traceId = response.headers.get('x-trace-id');
  const warned = lines.filter((l) => l.level === 40 && l.upstream === 'guidance');
  for (const reason of ['unreachable', 'retry', 'circuit-opened', 'incomplete']) {
    const line = warned.find((l) => l.reason === reason);
    t.truthy(line, `a warn line for ${reason}`);
    t.like(line, { platform: 'ios', traceId });
  }
  t.false(
    warned.some((l) => l.reason === 'circuit-open'),
    'calls refused by the open circuit are counted, not logged one by one',
  );
  t.is(gateway.upstreams.clients.guidance.breaker.state(), 'open');
  const metrics = await registry.metrics();
  t.regex(metrics, /vod_gateway_degradations_total\{upstream="guidance",reason="unreachable",platform="ios"\} [1-9]/);
  t.regex(metrics, /vod_gateway_degradations_total\{upstream="guidance",reason="incomplete",platform="ios"\} 1/);
  t.regex(metrics, /vod_gateway_degradations_total\{upstream="guidance",reason="circuit-open",platform="ios"\} [1-9]/);
  t.regex(metrics, /vod_gateway_degradations_total\{upstream="guidance",reason="circuit-opened",platform="ios"\} 1/);
  t.regex(metrics, /vod_gateway_upstream_duration_seconds_count\{upstream="catalogue"\} [1-9]/);
  t.regex(metrics, /vod_gateway_upstream_duration_seconds_bucket\{le="0.005",upstream="availability"\} \d+/);
});

test("readiness stays ok while availability's circuit is open: the gateway can still answer", async (t) => {
  const { url, fakes, gateway } = await observedGateway(t);
  await fakes.availability.stop();
  for (let i = 0; i < 3; i += 1) t.is((await fetch(`${url}/vod/ios/episodes?page=${i + 1}`, { headers: { accept: V1 } })).status, 503);
  t.is(gateway.upstreams.clients.availability.breaker.state(), 'open');
  t.like(await gateway.readiness.gateway!(), { ok: true, circuits: { availability: 'open' } });
  await gateway.stop();
  t.like(await gateway.readiness.gateway!(), { ok: false });
});
