import test from 'ava';
import { createFakeServer } from '../testing/fake-server.ts';
import { CircuitOpenError, createCircuitBreaker } from './circuit-breaker.ts';
import { createPartCache } from './part-cache.ts';
import { createUpstreamClient } from './upstream-client.ts';
import { UpstreamError } from './upstream-error.ts';

const episode = { episodeId: 1, title: 'Downton Abbey', _links: { self: { href: '/catalogue/episodes/1' } } };

test('a stale part is revalidated with If-None-Match and a 304 reuses the cached body', async (t) => {
  const server = await createFakeServer(() => ({ status: 200, body: episode }), 0);
  const client = createUpstreamClient({ name: 'catalogue', origin: server.url, cache: createPartCache(), timeoutMs: 1_000 });
  t.teardown(() => Promise.all([client.close(), server.close()]));
  const first = await client.get('/catalogue/episodes/1');
  const second = await client.get('/catalogue/episodes/1');
  t.is(server.state.requests, 2);
  t.is(server.state.notModified, 1);
  t.is(second.body, first.body);
  t.false(second.stale);
});

test('a fresh part is served from the cache without asking; concurrent asks share one call', async (t) => {
  const server = await createFakeServer(() => ({ status: 200, body: episode }), 30);
  const client = createUpstreamClient({ name: 'catalogue', origin: server.url, cache: createPartCache(), timeoutMs: 1_000 });
  t.teardown(() => Promise.all([client.close(), server.close()]));
  const answers = await Promise.all(Array.from({ length: 10 }, () => client.get('/catalogue/episodes/1')));
  await client.get('/catalogue/episodes/1');
  t.is(server.state.requests, 1);
  t.true(answers.every((a) => a.body === answers[0]!.body && a.freshUntil > Date.now()));
});

test('a part is reused no longer than maxReuseSeconds, whatever max-age granted, then revalidated', async (t) => {
  const server = await createFakeServer(() => ({ status: 200, body: episode }), 30);
  let clock = Date.now();
  const client = createUpstreamClient({
    name: 'availability',
    origin: server.url,
    cache: createPartCache(),
    timeoutMs: 5_000,
    maxReuseSeconds: 1,
    now: () => clock,
  });
  t.teardown(() => Promise.all([client.close(), server.close()]));
  const first = await client.get('/catalogue/episodes/1');
  t.is(first.freshUntil, clock + 1_000);
  await client.get('/catalogue/episodes/1');
  t.is(server.state.requests, 1, 'reused within the bound');
  clock += 1_001;
  const again = await client.get('/catalogue/episodes/1');
  t.is(server.state.requests, 2, 'asked again past the bound');
  t.is(server.state.notModified, 1);
  t.is(again.body, first.body);
});

test('an erroring upstream is retried once, then fails with an UpstreamError', async (t) => {
  const server = await createFakeServer(() => ({ status: 200, body: episode }));
  server.state.mode = 'error';
  const client = createUpstreamClient({ name: 'guidance', origin: server.url, cache: createPartCache(), timeoutMs: 1_000 });
  t.teardown(() => Promise.all([client.close(), server.close()]));
  const error = await t.throwsAsync(client.get('/guidance/episodes/1'), { instanceOf: UpstreamError });
  t.is(error.failure, 'server-error');
  t.is(server.state.requests, 2);
});

test('the circuit opens after consecutive failures and calls fail fast without reaching the upstream', async (t) => {
  const server = await createFakeServer(() => ({ status: 200, body: episode }));
  server.state.mode = 'error';
  const client = createUpstreamClient({
    name: 'licencing',
    origin: server.url,
    cache: createPartCache(),
    timeoutMs: 1_000,
    breaker: { failureThreshold: 2, openMs: 60_000 },
  });
  t.teardown(() => Promise.all([client.close(), server.close()]));
  await t.throwsAsync(client.get('/licencing/licences?episode=1'));
  const requests = server.state.requests;
  const error = await t.throwsAsync(client.get('/licencing/licences?episode=2'), { instanceOf: UpstreamError });
  t.is(error.failure, 'circuit-open');
  t.is(server.state.requests, requests);
});

test('a half-open circuit lets one trial through and closes on its success', (t) => {
  let now = 0;
  const breaker = createCircuitBreaker({ name: 'x', failureThreshold: 1, openMs: 100, now: () => now });
  breaker.failed();
  t.throws(() => breaker.assertCallable(), { instanceOf: CircuitOpenError });
  now = 100;
  t.is(breaker.state(), 'half-open');
  breaker.assertCallable();
  t.throws(() => breaker.assertCallable(), { instanceOf: CircuitOpenError });
  breaker.succeeded();
  t.is(breaker.state(), 'closed');
});

test('a revalidation joins no call in flight (it may predate the change the edge was purged for); calls after it share it', async (t) => {
  const server = await createFakeServer(() => ({ status: 200, body: episode }), 30);
  const client = createUpstreamClient({ name: 'catalogue', origin: server.url, cache: createPartCache(), timeoutMs: 5_000 });
  t.teardown(() => Promise.all([client.close(), server.close()]));
  const early = client.get('/catalogue/episodes/1');
  const revalidated = client.get('/catalogue/episodes/1', undefined, true);
  const joining = client.get('/catalogue/episodes/1');
  await Promise.all([early, revalidated, joining]);
  t.is(server.state.requests, 2, 'the revalidation made its own call');
  t.is(await joining, await revalidated, 'a later call shared the revalidation');
});
