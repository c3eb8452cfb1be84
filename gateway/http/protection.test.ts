import test from 'ava';
import { serveGatewayOverFakes, V2 } from '../testing/serve-gateway.ts';

test('GET /vod/ios/episodes returns 429 with Retry-After past the limit, counted per client key', async (t) => {
  const served = await serveGatewayOverFakes({ count: 10, rateLimitPerMinute: 3, upstreamTimeoutMs: 2_000 });
  t.teardown(served.close);
  const get = (key: string) => fetch(`${served.url}/vod/ios/episodes`, { headers: { accept: V2, 'x-client-key': key } });
  const statuses = [];
  for (let i = 0; i < 4; i += 1) statuses.push((await get('samsung-tv-0001')).status);
  t.deepEqual(statuses, [200, 200, 200, 429]);
  const limited = await get('samsung-tv-0001');
  t.is(limited.headers.get('content-type'), 'application/problem+json');
  t.regex(limited.headers.get('retry-after') ?? '', /^\d+$/);
  t.is((await get('android-app-0002')).status, 200);
});

test('OPTIONS /vod/ios/episodes answers a CORS preflight for a configured origin only; reads carry security headers', async (t) => {
  const served = await serveGatewayOverFakes({ count: 10, corsOrigins: ['https://tv.example.com'], upstreamTimeoutMs: 2_000 });
  t.teardown(served.close);
  const preflight = (origin: string) =>
    fetch(`${served.url}/vod/ios/episodes`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept' } });
  const allowed = await preflight('https://tv.example.com');
  t.is(allowed.status, 204);
  t.is(allowed.headers.get('access-control-allow-origin'), 'https://tv.example.com');
  t.regex(allowed.headers.get('access-control-allow-headers') ?? '', /If-None-Match/);
  t.is((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin'), null);
  const read = await fetch(`${served.url}/vod/ios/episodes`, { headers: { accept: V2, origin: 'https://tv.example.com' } });
  t.is(read.headers.get('access-control-allow-origin'), 'https://tv.example.com');
  t.regex(read.headers.get('access-control-expose-headers') ?? '', /ETag/);
  t.is(read.headers.get('x-content-type-options'), 'nosniff');
  t.is(read.headers.get('x-frame-options'), 'DENY');
  t.is(read.headers.get('cross-origin-resource-policy'), 'cross-origin');
});
