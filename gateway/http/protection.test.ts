import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { eventually } from '#platform/testing/eventually';
import { apiKeyFile } from './api-keys.ts';
import { serveGatewayOverFakes, V2 } from '../testing/serve-gateway.ts';

const keysFile = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-keys-'));
  return { path: join(dir, 'keys.json'), remove: () => rm(dir, { recursive: true, force: true }) };
};

test('GET /vod/ios/episodes returns 429 with Retry-After past the anonymous limit, and rotating made-up keys buys nothing', async (t) => {
  const served = await serveGatewayOverFakes({ count: 10, rateLimitPerMinute: 3, upstreamTimeoutMs: 2_000 });
  t.teardown(served.close);
  const statuses = [];
  for (let i = 0; i < 8; i += 1)
    statuses.push(
      (
        await fetch(`${served.url}/vod/ios/episodes`, {
          headers: { accept: V2, 'x-api-key': `vod_made-up-${i}`, 'x-client-key': `rotating-${i}-key` },
        })
      ).status,
    );
  t.deepEqual(statuses, [200, 200, 200, 429, 429, 429, 429, 429]);
  const limited = await fetch(`${served.url}/vod/ios/episodes`, { headers: { accept: V2 } });
  t.is(limited.status, 429);
  t.is(limited.headers.get('content-type'), 'application/problem+json');
  t.regex(limited.headers.get('retry-after') ?? '', /^\d+$/);
});

test("an operator-issued API key counts under its app's own limit; a revoked one is anonymous again", async (t) => {
  const file = await keysFile();
  t.teardown(file.remove);
  const keys = apiKeyFile(file.path);
  const samsung = keys.issue('samsung-tv');
  const web = keys.issue('web');
  t.notRegex(await readFile(file.path, 'utf8'), new RegExp(samsung.key.slice(4, 20)), 'only hashes are stored');
  const served = await serveGatewayOverFakes({
    count: 10,
    rateLimitPerMinute: 1,
    appRateLimits: { 'samsung-tv': 4 },
    apiKeysFile: file.path,
    upstreamTimeoutMs: 2_000,
  });
  t.teardown(served.close);
  const get = (key?: string) =>
    fetch(`${served.url}/vod/samsung/episodes`, { headers: { accept: V2, ...(key ? { 'x-api-key': key } : {}) } }).then((r) => r.status);
  const statuses = [];
  for (let i = 0; i < 5; i += 1) statuses.push(await get(samsung.key));
  t.deepEqual(statuses, [200, 200, 200, 200, 429], 'samsung-tv keys get 4 a minute');
  t.deepEqual([await get(web.key), await get(web.key)], [200, 429], 'an app with no limit of its own gets the anonymous one, per key');
  t.is(await get(), 200, "the address's anonymous budget is its own");
  t.true(keys.revoke(samsung.id));
  await eventually(async () => (await get(samsung.key)) === 429 && (await get()) === 429, {
    timeoutMs: 10_000,
    description: 'the revoked key to count as anonymous',
  });
  t.pass();
});

test('OPTIONS /vod/ios/episodes answers a CORS preflight for a configured origin only; reads carry security headers', async (t) => {
  const served = await serveGatewayOverFakes({ count: 10, corsOrigins: ['https://tv.example.com'], upstreamTimeoutMs: 2_000 });
  t.teardown(served.close);
  const preflight = (origin: string) =>
    fetch(`${served.url}/vod/ios/episodes`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept' },
    });
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
