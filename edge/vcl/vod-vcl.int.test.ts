import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { eventually } from '#platform/testing/eventually';
import { oneOrigin } from '../varnish/backends.ts';
import { startVarnish, type RunningVarnish } from '../varnish/varnish-process.ts';
import { varnishAvailable } from '../varnish/varnish-available.ts';

/**
 * The edge VCL's own rules, against Debian's varnishd and an origin whose answers the test
 * decides: what is kept, for how long, when stale is served, what purges, what a client sees.
 */
interface Origin {
  url: string;
  server: Server;
  /** Answers by path; a missing path is a 404. */
  routes: Map<string, { status?: number; headers: Record<string, string>; body: () => string; hold?: Promise<void> }>;
  requests: { path: string; cacheControl?: string }[];
  down: boolean;
}

const startOrigin = async (): Promise<Origin> => {
  const origin = { routes: new Map(), requests: [], down: false } as unknown as Origin;
  origin.server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    if (origin.down) return void res.socket?.destroy();
    if (path === '/health/live') return void res.end('ok');
    origin.requests.push({ path, cacheControl: req.headers['cache-control'] });
    const route = origin.routes.get(path);
    if (!route) return void res.writeHead(404).end();
    const body = route.body();
    void (route.hold ?? Promise.resolve()).then(() =>
      res.writeHead(route.status ?? 200, { 'content-type': 'application/json', ...route.headers }).end(body),
    );
  });
  await new Promise<void>((resolve) => origin.server.listen(0, '127.0.0.1', resolve));
  origin.url = `http://127.0.0.1:${(origin.server.address() as AddressInfo).port}`;
  return origin;
};

const edge = async (t: { teardown: (fn: () => Promise<void>) => void }): Promise<{ origin: Origin; varnish: RunningVarnish }> => {
  const origin = await startOrigin();
  const varnish = await startVarnish({ origins: oneOrigin(origin.url) });
  t.teardown(async () => {
    await varnish.stop();
    origin.server.closeAllConnections();
    await new Promise((resolve) => origin.server.close(resolve));
  });
  return { origin, varnish };
};

let served = 0;
const answer = (cacheControl: string, keys = '/things/1 /things') => ({
  headers: { 'cache-control': cacheControl, xkey: keys },
  body: () => JSON.stringify({ served: (served += 1) }),
});
const get = async (varnish: RunningVarnish, path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${varnish.url}${path}`, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: response.status === 200 ? ((await response.json()) as { served: number }) : undefined,
  };
};
const purge = (varnish: RunningVarnish, keys: string) => fetch(`${varnish.url}/`, { method: 'PURGE', headers: { 'xkey-purge': keys } });

const guarded = varnishAvailable() ? test.serial : test.serial.skip;
if (!varnishAvailable()) console.warn('SKIPPED: edge VCL tests need varnishd and vmod xkey (apt-get install varnish varnish-modules)');
if (!varnishAvailable() && process.env.REQUIRE_SERVICES === '1')
  test('varnishd is installed', (t) => t.fail('REQUIRE_SERVICES=1 and varnishd is absent'));

guarded(
  'an answer naming its keys is served from the cache until one of them is purged, and the keys never reach the client',
  async (t) => {
    const { origin, varnish } = await edge(t);
    origin.routes.set('/things/1', answer('public, max-age=5, s-maxage=600'));
    const first = await get(varnish, '/things/1');
    const second = await get(varnish, '/things/1');
    t.is(first.headers.get('x-cache'), 'MISS');
    t.is(second.headers.get('x-cache'), 'HIT');
    t.is(second.body?.served, first.body?.served);
    t.is(first.headers.get('xkey'), null);
    t.is(second.headers.get('xkey'), null);
    t.is(second.headers.get('cache-control'), 'public, max-age=5, s-maxage=600', "clients are told the origin's max-age");
    const purged = await purge(varnish, '/unrelated /things');
    t.is(purged.status, 200);
    t.is(purged.headers.get('xkey-purged'), '1');
    const third = await get(varnish, '/things/1');
    t.is(third.headers.get('x-cache'), 'MISS');
    t.not(third.body?.served, first.body?.served);
    t.is(origin.requests.filter((r) => r.path === '/things/1').length, 2);
  },
);

guarded('an answer whose fetch a purge overlapped goes to its client but is not kept: it may predate what the purge was for', async (t) => {
  const { origin, varnish } = await edge(t);
  let release!: () => void;
  origin.routes.set('/things/1', {
    ...answer('public, max-age=5, s-maxage=600'),
    hold: new Promise<void>((resolve) => (release = resolve)),
  });
  const inFlight = get(varnish, '/things/1');
  await eventually(() => origin.requests.some((r) => r.path === '/things/1'), {
    timeoutMs: 10_000,
    description: 'the fetch reached the origin',
  });
  t.is((await purge(varnish, '/things/1')).status, 200);
  release();
  const overlapped = await inFlight;
  t.is(overlapped.status, 200);
  origin.routes.set('/things/1', answer('public, max-age=5, s-maxage=600'));
  const next = await get(varnish, '/things/1');
  t.is(next.headers.get('x-cache'), 'MISS', 'fetched again, not kept');
  t.not(next.body?.served, overlapped.body?.served);
  t.is((await get(varnish, '/things/1')).headers.get('x-cache'), 'HIT', 'a fetch no purge overlapped is kept');
});

guarded('answers without keys, or with an error status, are never kept', async (t) => {
  const { origin, varnish } = await edge(t);
  origin.routes.set('/plain', { headers: { 'cache-control': 'public, s-maxage=600' }, body: () => '{"served":1}' });
  await get(varnish, '/plain');
  await get(varnish, '/plain');
  await get(varnish, '/missing');
  await get(varnish, '/missing');
  t.is(origin.requests.filter((r) => r.path === '/plain').length, 2);
  t.is(origin.requests.filter((r) => r.path === '/missing').length, 2);
});

guarded('a 404 naming the keys whose purge ends it is kept until one is purged; other errors never are', async (t) => {
  const { origin, varnish } = await edge(t);
  const absent = { status: 404, headers: { 'cache-control': 'public, max-age=0, s-maxage=60', xkey: '/things/2' }, body: () => '{}' };
  origin.routes.set('/things/2', absent);
  origin.routes.set('/broken', { ...absent, status: 500 });
  origin.routes.set('/refused', { ...absent, status: 400 });
  const first = await get(varnish, '/things/2');
  const second = await get(varnish, '/things/2');
  t.is(first.status, 404);
  t.is(second.status, 404);
  t.is(second.headers.get('x-cache'), 'HIT');
  t.is(second.headers.get('xkey'), null, 'the keys never reach the client');
  for (const path of ['/broken', '/broken', '/refused', '/refused']) await get(varnish, path);
  t.is(origin.requests.filter((r) => r.path === '/broken').length, 2);
  t.is(origin.requests.filter((r) => r.path === '/refused').length, 2);
  // The resource appears, and the event that made it purges its key.
  origin.routes.set('/things/2', answer('public, max-age=5, s-maxage=600', '/things/2'));
  t.is((await get(varnish, '/things/2')).status, 404, 'kept until the purge');
  t.is((await purge(varnish, '/things/2')).status, 200);
  const after = await get(varnish, '/things/2');
  t.is(after.status, 200);
  t.is(after.headers.get('x-cache'), 'MISS');
  t.is(origin.requests.filter((r) => r.path === '/things/2').length, 2);
});

guarded('PURGE needs keys, and signed-in requests and writes pass to the origin', async (t) => {
  const { origin, varnish } = await edge(t);
  t.is((await fetch(`${varnish.url}/`, { method: 'PURGE' })).status, 400);
  origin.routes.set('/things/1', answer('public, s-maxage=600'));
  await get(varnish, '/things/1');
  await get(varnish, '/things/1', { authorization: 'Bearer x' });
  t.is(origin.requests.length, 2);
});

guarded('past s-maxage, within stale-while-revalidate, the old answer is served once while Varnish refetches it', async (t) => {
  const { origin, varnish } = await edge(t);
  origin.routes.set('/things/1', answer('public, max-age=1, s-maxage=1, stale-while-revalidate=60, stale-if-error=0'));
  const first = await get(varnish, '/things/1');
  await eventually(async () => (await get(varnish, '/things/1')).body?.served !== first.body?.served, {
    timeoutMs: 20_000,
    intervalMs: 250,
    description: 'a refreshed answer',
  });
  t.true(origin.requests.length >= 2);
});

guarded('an origin outage is answered stale within stale-if-error, and with an error where no stale answer is allowed', async (t) => {
  const { origin, varnish } = await edge(t);
  origin.routes.set('/bridged', answer('public, max-age=1, s-maxage=1, stale-while-revalidate=0, stale-if-error=600', '/bridged'));
  origin.routes.set('/edge-bound', answer('public, max-age=1, s-maxage=1, stale-while-revalidate=0, stale-if-error=0', '/edge-bound'));
  const bridged = await get(varnish, '/bridged');
  await get(varnish, '/edge-bound');
  origin.down = true;
  // Past s-maxage, before the probe has noticed (the failed refetch says so), and after:
  await eventually(async () => (await get(varnish, '/edge-bound')).status === 503, {
    timeoutMs: 30_000,
    intervalMs: 250,
    description: 'the edge-bound answer refused once expired',
  });
  const stale = await get(varnish, '/bridged');
  t.is(stale.status, 200);
  t.is(stale.body?.served, bridged.body?.served);
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  t.is((await get(varnish, '/edge-bound')).status, 503);
  const later = await get(varnish, '/bridged');
  t.is(later.status, 200);
  t.is(later.body?.served, bridged.body?.served);
});

guarded('an answer changed after its s-maxage is asked again once the origin is back', async (t) => {
  const { origin, varnish } = await edge(t);
  origin.routes.set('/bridged', answer('public, max-age=1, s-maxage=1, stale-while-revalidate=0, stale-if-error=600', '/bridged'));
  const bridged = await get(varnish, '/bridged');
  origin.down = true;
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  t.is((await get(varnish, '/bridged')).body?.served, bridged.body?.served);
  origin.down = false;
  const stale = await eventually(
    async () => {
      const next = await get(varnish, '/bridged');
      return next.body?.served !== bridged.body?.served && next;
    },
    { timeoutMs: 20_000, intervalMs: 250, description: 'a fresh answer once the origin is back' },
  );
  t.is(stale.status, 200);
});

guarded('a healthy origin past stale-while-revalidate is asked again rather than answered stale', async (t) => {
  const { origin, varnish } = await edge(t);
  origin.routes.set('/things/1', answer('public, max-age=1, s-maxage=1, stale-while-revalidate=0, stale-if-error=600'));
  const first = await get(varnish, '/things/1');
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const next = await get(varnish, '/things/1');
  t.not(next.body?.served, first.body?.served, 'fresh, not the stale copy kept for outages');
});

guarded('requests to the gateway ask it to revalidate what it holds in memory', async (t) => {
  const { origin, varnish } = await edge(t);
  origin.routes.set('/vod/ios/episodes', answer('public, max-age=5, s-maxage=600'));
  origin.routes.set('/catalogue/episodes/1', answer('public, max-age=5, s-maxage=600'));
  await get(varnish, '/vod/ios/episodes');
  await get(varnish, '/catalogue/episodes/1');
  t.is(origin.requests.find((r) => r.path === '/vod/ios/episodes')?.cacheControl, 'no-cache');
  t.is(origin.requests.find((r) => r.path === '/catalogue/episodes/1')?.cacheControl, undefined);
});
