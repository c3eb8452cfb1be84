import anyTest, { type TestFn } from 'ava';
import { freshPglite } from '#platform/testing/pglite';
import { anEpisode, granted, problem, send, serveLicencing, type LicenceJson, type Served } from './licencing-http.fixtures.ts';
import { SURROGATE_CAPABILITY } from '#platform/http/surrogate-keys';

/** What the edge sends to be told an answer's surrogate keys. */
const EDGE = { 'surrogate-capability': SURROGATE_CAPABILITY };

const test = anyTest as TestFn<Served>;

test.before(async (t) => {
  t.context = await serveLicencing(await freshPglite());
});
test.after.always(async (t) => {
  await t.context.close();
  await t.context.db.close();
});

interface Page {
  total: number;
  page: number;
  _links: Record<string, { href: string } | undefined>;
  _embedded: { licences: LicenceJson[] };
}
const get = (t: { context: Served }, path: string, headers: Record<string, string> = {}) => fetch(`${t.context.url}${path}`, { headers });
const page = async (t: { context: Served }, path: string) => (await (await get(t, path)).json()) as Page;

test('GET /licencing/licences?episode=123456 answers the seed example exactly', async (t) => {
  const { licence } = await granted(t, {
    episodeId: 123456,
    platform: 'samsung',
    startDate: '2013-01-04T19:30:00Z',
    endDate: '2013-01-11T19:30:00Z',
  });
  const response = await get(t, '/licencing/licences?episode=123456');
  t.is(response.status, 200);
  t.is(response.headers.get('content-type'), 'application/hal+json');
  t.regex(response.headers.get('cache-control') ?? '', /max-age/);
  const body = (await response.json()) as Page;
  t.deepEqual(body._embedded.licences, [
    {
      licenceId: licence.licenceId,
      episodeId: 123456,
      platform: 'samsung',
      startDate: '2013-01-04T19:30:00Z',
      endDate: '2013-01-11T19:30:00Z',
      status: 'active',
      _links: {
        self: { href: `/licencing/licences/${licence.licenceId}` },
        episode: { href: '/catalogue/episodes/123456' },
        collection: { href: '/licencing/licences?episode=123456' },
        window: { href: `/licencing/licences/${licence.licenceId}/window` },
        revocation: { href: `/licencing/licences/${licence.licenceId}/revocation` },
      },
    },
  ]);
});

test('GET /licencing/licences filters by episode and platform, ordered by startDate, paged with first/prev/next/last', async (t) => {
  const episodeId = anEpisode();
  for (const [platform, start] of [
    ['web', '2026-05'],
    ['ios', '2026-03'],
    ['web', '2026-01'],
    ['web', '2026-02'],
  ] as const) {
    await granted(t, { episodeId, platform, startDate: `${start}-01T00:00:00Z`, endDate: '2026-12-01T00:00:00Z' });
  }
  const web = await page(t, `/licencing/licences?episode=${episodeId}&platform=web&size=2&page=2`);
  t.is(web.total, 3);
  t.deepEqual(
    web._embedded.licences.map((l) => l.startDate),
    ['2026-05-01T00:00:00Z'],
  );
  t.is(web._links.first?.href, `/licencing/licences?episode=${episodeId}&platform=web&page=1&size=2`);
  t.is(web._links.prev?.href, `/licencing/licences?episode=${episodeId}&platform=web&page=1&size=2`);
  t.is(web._links.next, undefined);
  t.is(web._links.last?.href, web._links.self?.href);
  const all = await page(t, `/licencing/licences?episode=${episodeId}`);
  t.deepEqual(
    all._embedded.licences.map((l) => `${l.platform}@${l.startDate.slice(0, 7)}`),
    ['web@2026-01', 'web@2026-02', 'ios@2026-03', 'web@2026-05'],
  );
  const ios = await page(t, '/licencing/licences?platform=ios&size=1');
  t.true(ios.total >= 1);
  t.truthy(ios._links.next ?? ios._links.last);
});

test('GET /licencing/licences returns 400 for query operators, unknown or repeated parameters, odd episodes and unknown platforms', async (t) => {
  for (const query of [
    'episode[$ne]=x',
    'episode=1&episode=2',
    'channel=ITV',
    'episode=0',
    'episode=abc',
    'episode=12345678901',
    'platform=playstation',
    'platform=IOS',
    'size=-1',
    'page=0',
  ]) {
    t.is((await problem(await get(t, `/licencing/licences?${query}`))).status, 400, query);
  }
});

test('GET /licencing/licences answers 304 for the same If-None-Match and a new body after a write', async (t) => {
  const episodeId = anEpisode();
  const { licence, etag } = await granted(t, { episodeId });
  const first = await get(t, `/licencing/licences?episode=${episodeId}`);
  const tag = first.headers.get('etag')!;
  t.is((await get(t, `/licencing/licences?episode=${episodeId}`, { 'if-none-match': tag })).status, 304);
  await send(t, 'POST', `/licencing/licences/${licence.licenceId}/revocation`, undefined, { 'if-match': etag });
  const after = await get(t, `/licencing/licences?episode=${episodeId}`, { 'if-none-match': tag });
  t.is(after.status, 200);
  t.is(((await after.json()) as Page)._embedded.licences[0]?.status, 'revoked');
});

test('GET /licencing/licences/:id returns 200 with ETag, then 304, and the new state after a write', async (t) => {
  const { licence, etag } = await granted(t);
  const first = await get(t, `/licencing/licences/${licence.licenceId}`);
  t.is(first.status, 200);
  t.is(first.headers.get('etag'), '"1"');
  t.regex(first.headers.get('cache-control') ?? '', /max-age/);
  t.is((await get(t, `/licencing/licences/${licence.licenceId.toUpperCase()}`, { 'if-none-match': '"1"' })).status, 304);
  await send(
    t,
    'PUT',
    `/licencing/licences/${licence.licenceId}/window`,
    { startDate: '2030-01-01T00:00:00Z', endDate: '2031-01-01T00:00:00Z' },
    { 'if-match': etag },
  );
  const after = await get(t, `/licencing/licences/${licence.licenceId}`, { 'if-none-match': '"1"' });
  t.is(after.status, 200);
  t.like(await after.json(), { startDate: '2030-01-01T00:00:00Z' });
});

test('GET /licencing/licences names, for the edge cache, the licences it holds and the list they are purged by', async (t) => {
  const { licence } = await granted(t, { episodeId: 424242 });
  const byEpisode = await get(t, '/licencing/licences?episode=424242', EDGE);
  t.deepEqual(byEpisode.headers.get('xkey')?.split(' '), [
    '/licencing/licences?episode=424242',
    `/licencing/licences/${licence.licenceId}`,
  ]);
  t.regex(
    byEpisode.headers.get('cache-control') ?? '',
    /^public, max-age=10, s-maxage=600, stale-while-revalidate=30, stale-if-error=3600$/,
  );
  const all = await get(t, '/licencing/licences?platform=ios&size=1', EDGE);
  t.is(all.headers.get('xkey')?.split(' ')[0], '/licencing/licences');
  t.is((await get(t, `/licencing/licences/${licence.licenceId}`, EDGE)).headers.get('xkey'), `/licencing/licences/${licence.licenceId}`);
  t.is((await get(t, `/licencing/licences/${licence.licenceId}`)).headers.get('xkey'), null, 'a client never sees them');
});

test('GET /licencing/licences/:id returns 404 for a licence never granted and 400 for an odd id', async (t) => {
  t.like(await problem(await get(t, '/licencing/licences/00000000-0000-4000-8000-000000000000')), {
    status: 404,
    code: 'licence-not-found',
  });
  t.like(await problem(await get(t, '/licencing/licences/123456')), { status: 400, code: 'invalid-licence-id' });
});

test('GET /licencing links to everything the service offers, templated; 304 on revalidation; DELETE is 405', async (t) => {
  const response = await get(t, '/licencing');
  t.is(response.status, 200);
  const root = (await response.json()) as { platforms: string[]; _links: Record<string, { href: string; templated?: boolean }> };
  t.deepEqual(Object.keys(root._links).sort(), ['event', 'events', 'licence', 'licences', 'revocation', 'self', 'window']);
  t.true(root._links.licences!.templated);
  t.is(root._links.licences!.href, '/licencing/licences{?episode,platform,page,size}');
  t.deepEqual(root.platforms, ['ios', 'android', 'samsung', 'web']);
  t.is((await get(t, '/licencing', { 'if-none-match': response.headers.get('etag')! })).status, 304);
  t.is(
    (await problem(await fetch(`${t.context.url}/licencing/licences/00000000-0000-4000-8000-000000000000`, { method: 'DELETE' }))).status,
    405,
  );
});

test('GET /licencing/events lists each committed change in order with a next link, and 400 for a bad position', async (t) => {
  const { licence } = await granted(t);
  const feed = (await (await get(t, '/licencing/events?after=0&limit=1')).json()) as {
    _links: Record<string, unknown>;
    _embedded: { events: { event: { type: string } }[] };
  };
  t.is(feed._embedded.events.length, 1);
  t.truthy(feed._links.next);
  const all = (await (await get(t, '/licencing/events?after=0&limit=1000')).json()) as {
    _embedded: { events: { event: { subject: string; position: number } }[] };
  };
  const events = all._embedded.events.map((item) => item.event);
  t.true(events.some((e) => e.subject === `/licencing/licences/${licence.licenceId}`));
  const positions = events.map((e) => e.position);
  t.deepEqual(
    positions,
    [...positions].sort((a, b) => a - b),
  );
  t.is((await problem(await get(t, '/licencing/events?after=abc'))).status, 400);
  t.is((await get(t, '/licencing/events?after[$gt]=0')).status, 400);
});
