import test, { type ExecutionContext } from 'ava';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '#platform/http/app';
import { silentLogger } from '#platform/lifecycle/logger';
import { episodeEvent, guidanceEvent, licenceEvent, licenceId } from '../../testing/event-builders.ts';
import { startAvailabilityApp } from '../../testing/availability-app.ts';
import { SURROGATE_CAPABILITY } from '#platform/http/surrogate-keys';

/** What the edge sends to be told an answer's surrogate keys. */
const EDGE = { 'surrogate-capability': SURROGATE_CAPABILITY };

const start = '2026-03-01T10:00:00.000Z';
const end = '2026-03-08T10:00:00.000Z';

const withCatalogue = async (t: ExecutionContext) => {
  const app = await startAvailabilityApp({ now: new Date('2026-03-02T00:00:00Z') });
  await app.publish(
    episodeEvent({ episodeId: 123456, programmeTitle: 'Downton Abbey', title: 'Series 3, Episode 8', channel: 'ITV', programmeId: 9 }),
    guidanceEvent(123456, true, 'Contains Strong Language'),
    licenceEvent({ licenceId: licenceId(1), episodeId: 123456, platform: 'ios', startDate: start, endDate: end }),
    episodeEvent({ episodeId: 2, programmeTitle: '24 Hours in A&E', title: 'Episode 1', channel: 'ITV' }),
    licenceEvent({ licenceId: licenceId(2), episodeId: 2, platform: 'ios', startDate: '2026-03-05T00:00:00Z', endDate: end }),
  );
  t.teardown(() => app.close());
  return app;
};

test('GET /availability/episodes lists productions with facts, domain links, paging and A to Z groups', async (t) => {
  const app = await withCatalogue(t);
  const response = await app.get('/availability/episodes?platform=ios&channel=ITV&grouping=alphabetical');
  t.is(response.status, 200);
  t.is(response.headers.get('content-type'), 'application/hal+json');
  const body = await response.json();
  t.is(body.total, 2);
  t.deepEqual(body.groups, [
    { letter: '0-9', count: 1 },
    { letter: 'D', count: 1 },
  ]);
  t.deepEqual(body.groupTotals, [
    { letter: '0-9', count: 1 },
    { letter: 'D', count: 1 },
  ]);
  const second = await (await app.get('/availability/episodes?platform=ios&grouping=alphabetical&page=2&size=1')).json();
  t.deepEqual(second.groups, [{ letter: 'D', count: 1 }], 'groups: the page shown');
  t.deepEqual(second.groupTotals, body.groupTotals, 'groupTotals: every match, whatever the page');
  t.deepEqual(body._embedded.productions[1], {
    episodeId: 123456,
    programmeId: 9,
    title: 'Downton Abbey',
    episodeTitle: 'Series 3, Episode 8',
    available: true,
    availableFrom: start,
    availableUntil: end,
    licenceIds: [licenceId(1)],
    restricted: true,
    group: 'D',
    _links: {
      self: { href: '/availability/episodes/123456?platform=ios' },
      catalogue: { href: '/catalogue/episodes/123456' },
      guidance: { href: '/guidance/episodes/123456' },
      licences: { href: '/licencing/licences?episode=123456' },
    },
  });
  t.false(body._embedded.productions[0].available);
  t.truthy(response.headers.get('etag'));
});

test('GET /availability/episodes finds a word prefix literally and folds accents and case', async (t) => {
  const app = await withCatalogue(t);
  const ids = async (q: string) =>
    (await (await app.get(`/availability/episodes?platform=ios&q=${encodeURIComponent(q)}`)).json())._embedded.productions.map(
      (p: { episodeId: number }) => p.episodeId,
    );
  t.deepEqual(await ids('DOWN'), [123456]);
  t.deepEqual(await ids('abbéy'), [123456]);
  t.deepEqual(await ids('.*'), []);
  t.deepEqual(await ids('[]$where'), []);
  t.deepEqual(await ids('(d)own'), [123456]);
  t.deepEqual(await ids('{"$ne":null}'), []);
});

test('GET /availability/episodes?available=true lists only what plays now, available=false only what is coming', async (t) => {
  const app = await withCatalogue(t);
  const list = async (query: string) => {
    const response = await app.get(`/availability/episodes?platform=ios&${query}`);
    t.is(response.status, 200);
    const body = await response.json();
    return {
      total: body.total,
      ids: body._embedded.productions.map((p: { episodeId: number; available: boolean }) => [p.episodeId, p.available]),
      next: body._links.next?.href,
    };
  };
  t.deepEqual(await list('available=true'), { total: 1, ids: [[123456, true]], next: undefined });
  t.deepEqual(await list('available=false'), { total: 1, ids: [[2, false]], next: undefined });
  t.deepEqual((await list('available=true&size=1&channel=ITV')).ids, [[123456, true]]);
  t.deepEqual(await list('available=true&at=2026-03-06T00:00:00Z'), {
    total: 2,
    ids: [
      [2, true],
      [123456, true],
    ],
    next: undefined,
  });
  t.deepEqual((await list('available=false&at=2026-03-06T00:00:00Z')).total, 0);
  const paged = await list('available=true&at=2026-03-06T00:00:00Z&size=1');
  t.true(paged.next.includes('available=true'), 'paging links keep the filter');
});

test('GET /availability/episodes answers an unknown available value with a 400 problem', async (t) => {
  const app = await withCatalogue(t);
  for (const value of ['yes', '1', 'TRUE', '']) {
    const response = await app.get(`/availability/episodes?platform=ios&available=${value}`);
    t.is(response.status, 400, value);
    t.is(response.headers.get('content-type'), 'application/problem+json');
    t.regex(JSON.stringify(await response.json()), /available/);
  }
});

test('GET /availability/episodes matches a channel whatever its case', async (t) => {
  const app = await withCatalogue(t);
  for (const channel of ['itv', 'ITV', 'Itv'])
    t.is((await (await app.get(`/availability/episodes?platform=ios&channel=${channel}`)).json()).total, 2, channel);
  t.is((await (await app.get('/availability/episodes?platform=ios&channel=C4')).json()).total, 0);
});

test('GET /availability/episodes answers hostile queries with a 4xx, never a 500', async (t) => {
  const app = await withCatalogue(t);
  const hostile = [
    `q=${'a'.repeat(10_240)}`,
    'platform[$ne]=ios',
    'platform=ios&platform=web',
    'page=-1',
    'page=99999999',
    'size=100000',
    'size=0',
    'at=yesterday',
    'grouping=random',
    'channel[$regex]=.*',
    'unknown=1',
  ];
  for (const query of hostile) {
    const response = await app.get(`/availability/episodes?platform=ios&${query}`);
    t.true(response.status >= 400 && response.status < 500, `${query.slice(0, 40)} gave ${response.status}`);
    t.is(response.headers.get('content-type'), 'application/problem+json');
  }
  t.is((await app.get('/availability/episodes?platform=xbox')).status, 400);
  t.is((await app.get('/availability/episodes')).status, 400);
  const far = await (await app.get('/availability/episodes?platform=ios&page=10000&size=100')).json();
  t.deepEqual([far.count, far.total], [0, 2]);
});

test('GET /availability/episodes returns 400 invalid-instant for an at the platform rule refuses, never a year read as 19xx', async (t) => {
  const app = await withCatalogue(t);
  for (const at of ['yesterday', '0026-03-02T00:00:00Z', '2026-03-02T00:00:00.250Z', '2026-02-30T00:00:00Z']) {
    const response = await app.get(`/availability/episodes?platform=ios&at=${encodeURIComponent(at)}`);
    t.like(await response.json(), { status: 400, code: 'invalid-instant' }, at);
  }
});

test('GET /availability/episodes is available exactly from startDate and not at endDate, with no event', async (t) => {
  const app = await withCatalogue(t);
  const at = async (instant: string) => {
    const body = await (await app.get(`/availability/episodes?platform=ios&q=downton&at=${instant}`)).json();
    return body._embedded.productions[0]?.available;
  };
  t.false(await at('2026-03-01T09:59:59Z'));
  t.true(await at(start));
  t.true(await at('2026-03-08T09:59:59Z'));
  t.is(await at(end), undefined);
});

test('GET /availability/episodes expires no later than the next window edge, at the edge cache too', async (t) => {
  const app = await withCatalogue(t);
  app.clock.now = new Date('2026-03-04T23:59:50Z');
  const response = await app.get('/availability/episodes?platform=ios');
  t.is(response.headers.get('cache-control'), 'public, max-age=10, s-maxage=10, stale-while-revalidate=0, stale-if-error=0');
  app.clock.now = new Date('2026-03-04T23:59:59.500Z');
  t.is(
    (await app.get('/availability/episodes?platform=ios')).headers.get('cache-control'),
    'public, max-age=0, s-maxage=0, stale-while-revalidate=0, stale-if-error=0',
  );
  app.clock.now = new Date('2026-03-03T00:00:00Z');
  t.is(
    (await app.get('/availability/episodes?platform=ios')).headers.get('cache-control'),
    'public, max-age=30, s-maxage=600, stale-while-revalidate=30, stale-if-error=3600',
  );
});

test("GET /availability/episodes names the episodes it holds, its platform's lists and all lists as surrogate keys, on hits too", async (t) => {
  const app = await withCatalogue(t);
  const expected = [
    '/availability',
    '/availability/episodes',
    '/availability/episodes?platform=ios',
    '/availability/episodes/2',
    '/availability/episodes/123456',
  ];
  const first = await app.get('/availability/episodes?platform=ios&channel=ITV', EDGE);
  t.deepEqual(first.headers.get('xkey')?.split(' ').sort(), expected.sort());
  const hit = await app.get('/availability/episodes?platform=ios&channel=ITV', EDGE);
  t.deepEqual(hit.headers.get('xkey')?.split(' ').sort(), expected.sort());
  const empty = await app.get('/availability/episodes?platform=web', EDGE);
  t.is((await app.get('/availability/episodes?platform=ios&channel=ITV')).headers.get('xkey'), null, 'a client never sees them');
  t.deepEqual(
    empty.headers.get('xkey')?.split(' ').sort(),
    ['/availability', '/availability/episodes', '/availability/episodes?platform=web'].sort(),
  );
});

test('GET /availability/episodes answers 304 to a matching If-None-Match', async (t) => {
  const app = await withCatalogue(t);
  const first = await app.get('/availability/episodes?platform=ios');
  const again = await app.get('/availability/episodes?platform=ios', { 'If-None-Match': first.headers.get('etag')! });
  t.is(again.status, 304);
});

test('GET /availability/episodes answered before from the cache is served ahead of the router, until the projection changes', async (t) => {
  const app = await withCatalogue(t);
  // An app with the cached-pages middleware alone: what it answers, it answers without any router.
  const bare = createHttpApp({ logger: silentLogger() });
  bare.use(app.service.cachedPages);
  const server = bare.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const ahead = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { method });
  const path = '/availability/episodes?platform=ios&channel=ITV';

  t.is((await ahead(path)).status, 404, 'nothing cached yet');
  const routed = await app.get(path);
  const cached = await ahead(path);
  t.is(cached.status, 200);
  for (const header of ['content-type', 'etag', 'cache-control']) t.is(cached.headers.get(header), routed.headers.get(header), header);
  t.is(await cached.text(), await routed.text());
  t.is((await ahead(path, 'POST')).status, 404, 'only GET and HEAD are answered ahead');
  t.is((await ahead('/availability/episodes?platform=web')).status, 404, 'another query string is another page');

  await app.publish(
    episodeEvent({ episodeId: 77, programmeTitle: 'Vera', channel: 'ITV' }),
    licenceEvent({ licenceId: licenceId(77), episodeId: 77, platform: 'web', startDate: start, endDate: end }),
    episodeEvent({ episodeId: 78, programmeTitle: 'Vera', channel: 'C4' }),
    licenceEvent({ licenceId: licenceId(78), episodeId: 78, platform: 'ios', startDate: start, endDate: end }),
  );
  t.is((await ahead(path)).status, 200, 'writes on another platform or channel leave the cached page');
  await app.publish(guidanceEvent(123456, false, null, 2));
  t.is((await ahead(path)).status, 404, 'a change to one of its productions ends the cached page');
  t.false(JSON.stringify(await (await app.get(path)).json()).includes('Strong Language'));
});
