import anyTest, { type TestFn } from 'ava';
import { serveGatewayOverFakes, V1, V2, type ServedGateway } from '../testing/serve-gateway.ts';
import { SURROGATE_CAPABILITY } from '#platform/http/surrogate-keys';

/** What the edge sends to be told an answer's surrogate keys. */
const EDGE = { 'surrogate-capability': SURROGATE_CAPABILITY };

const test = anyTest as TestFn<ServedGateway>;
test.before(async (t) => {
  t.context = await serveGatewayOverFakes({ count: 60, upstreamTimeoutMs: 2_000, deadlineMs: 5_000 });
});
test.after.always((t) => t.context.close());

type Item = Record<string, unknown> & { _links: Record<string, { href: string }> };
type Page = Record<string, unknown> & {
  _embedded: { productions?: Item[]; rails?: { letter: string; _embedded: { productions: Item[] } }[] };
  _links: Record<string, { href: string }>;
};

const get = (t: { context: ServedGateway }, path: string, accept: string, headers: Record<string, string> = {}) =>
  fetch(`${t.context.url}${path}`, { headers: { accept, ...headers } });

test('GET /vod/ios/episodes in v1 composes 20 flat items from availability, catalogue and guidance', async (t) => {
  const response = await get(t, '/vod/ios/episodes?channel=ITV', V1);
  t.is(response.status, 200);
  t.is(response.headers.get('content-type'), V1);
  t.regex(response.headers.get('vary') ?? '', /Accept/);
  t.regex(response.headers.get('deprecation') ?? '', /^@\d+$/);
  t.regex(response.headers.get('sunset') ?? '', /GMT$/);
  const page = (await response.json()) as Page;
  const items = page._embedded.productions!;
  t.is(items.length, 20);
  t.false(page.incomplete);
  const restricted = items.find((i) => i.guidanceMessage === 'Contains Strong Language')!;
  t.like(restricted, { restricted: true });
  t.regex(restricted.synopsis as string, /glittering period drama/);
  t.truthy(restricted.startDate);
  t.truthy(restricted.endDate);
  t.deepEqual(
    Object.keys(restricted)
      .filter((k) => k !== '_links')
      .sort(),
    [
      'available',
      'endDate',
      'episodeId',
      'episodeNumber',
      'guidanceMessage',
      'licenceIds',
      'programmeTitle',
      'restricted',
      'seriesNumber',
      'startDate',
      'synopsis',
      'title',
    ],
  );
  t.is(restricted._links.licences!.href, `/licencing/licences?episode=${restricted.episodeId}`);
  t.is(t.context.fakes.licencing.state.requests, 0, 'availability decided the window: the licences are not read again');
  t.is(restricted._links.self!.href, `/vod/ios/episodes/${restricted.episodeId}`);
  t.is(restricted._links.catalogue!.href, `/catalogue/episodes/${restricted.episodeId}`);
  t.regex(page._links.next!.href, /^\/vod\/ios\/episodes\?channel=ITV&page=2$/);
});

test('GET /vod/ios/episodes treats a 404 from guidance as "no guidance", not as unknown', async (t) => {
  const page = (await (await get(t, '/vod/ios/episodes', V1)).json()) as Page;
  const none = new Set(t.context.fakes.episodes.filter((e) => !e.guidance).map((e) => e.episodeId));
  const withoutGuidance = page._embedded.productions!.find((i) => none.has(i.episodeId as number))!;
  t.like(withoutGuidance, { restricted: false, guidanceMessage: null });
  t.is(withoutGuidance.unknown, undefined);
});

test('GET /vod/ios/episodes in v2 nests guidance, window and programme and is not deprecated', async (t) => {
  const response = await get(t, '/vod/ios/episodes', V2);
  t.is(response.headers.get('content-type'), V2);
  t.is(response.headers.get('deprecation'), null);
  const item = ((await response.json()) as Page)._embedded.productions![0]!;
  t.like(item, {
    available: true,
    guidance: { status: 'known' },
    window: { status: 'known' },
    programme: { title: '999: On The Front Line' },
  });
  t.is((item.window as { licenceIds: string[] }).licenceIds.length, 1);
  t.is(item.guidanceMessage, undefined);
});

test("GET /vod/samsung/episodes gives 12 tiles in availability's A to Z rails, each naming its programme, with a short synopsis", async (t) => {
  const page = (await (await get(t, '/vod/samsung/episodes', V1)).json()) as Page;
  const rails = page._embedded.rails!;
  t.true(rails.length >= 1);
  const items = rails.flatMap((r) => r._embedded.productions);
  t.is(items.length, 12);
  t.true(items.every((i) => (i.synopsis as string).length <= 120));
  t.true(
    items.every((i) => typeof i.programmeTitle === 'string' && typeof i.available === 'boolean' && typeof i.episodeNumber === 'number'),
  );
  const availability = (await (
    await fetch(
      `${t.context.fakes.availability.url}/availability/episodes?platform=samsung&grouping=alphabetical&available=true&page=1&size=12`,
    )
  ).json()) as { groups: { letter: string; count: number }[] };
  t.deepEqual(
    rails.map((r) => ({ letter: r.letter, count: r._embedded.productions.length })),
    availability.groups,
  );
  const v2 = (await (await get(t, '/vod/samsung/episodes', V2)).json()) as Page;
  t.like(v2._embedded.rails![0]!._embedded.productions[0], {
    programme: { title: items[0]!.programmeTitle },
    series: { episode: items[0]!.episodeNumber },
  });
});

test('GET /vod/android and /vod/web episodes differ in fields and page size', async (t) => {
  const android = ((await (await get(t, '/vod/android/episodes', V1)).json()) as Page)._embedded.productions!;
  t.is(android.length, 20);
  t.is(android[0]!.durationSeconds, 2700);
  t.is(android[0]!.seriesNumber, 1);
  t.is(android[0]!.available, true);
  const web = (await (await get(t, '/vod/web/episodes?grouping=alphabetical', V2)).json()) as Page;
  t.is(web._embedded.productions!.length, 24);
  t.truthy(web.groups);
  t.like(web._embedded.productions![0], { duration: { seconds: 2700 }, series: { number: 1 } });
});

test('GET /vod/:platform/episodes?available= asks availability for what plays now or what is coming; samsung shows only what plays by default', async (t) => {
  const items = async (path: string) => {
    const page = (await (await get(t, path, V1)).json()) as Page;
    return page._embedded.productions ?? page._embedded.rails!.flatMap((r) => r._embedded.productions);
  };
  const all = await items('/vod/ios/episodes');
  t.true(
    all.some((i) => i.available === false) && all.some((i) => i.available === true),
    'ios lists both by default, each item saying which',
  );
  t.true((await items('/vod/ios/episodes?available=true')).every((i) => i.available === true));
  const coming = await items('/vod/web/episodes?available=false');
  t.true(coming.length > 0 && coming.every((i) => i.available === false));
  t.true((await items('/vod/samsung/episodes')).every((i) => i.available === true));
  t.true((await items('/vod/samsung/episodes?available=any')).some((i) => i.available === false));
  t.is((await get(t, '/vod/ios/episodes?available=maybe', V1)).status, 400);
  const next = ((await (await get(t, '/vod/ios/episodes?available=false', V1)).json()) as Page)._links.next;
  t.true(next === undefined || /available=false/.test(next.href), 'paging links keep the filter');
});

test('GET /vod/ios/episodes/:id composes one episode; unknown ids, platforms and parameters are 4xx', async (t) => {
  const id = t.context.fakes.episodes[0]!.episodeId;
  const response = await get(t, `/vod/ios/episodes/${id}`, V2);
  t.is(response.status, 200);
  t.like(await response.json(), { episodeId: id, incomplete: false, guidance: { restricted: true, message: 'Contains Strong Language' } });
  t.is((await get(t, '/vod/ios/episodes/999', V2)).status, 404);
  t.is((await get(t, '/vod/ios/episodes/12ab', V2)).status, 400);
  t.is((await get(t, '/vod/tivo/episodes', V2)).status, 404);
  t.is((await get(t, '/vod/ios/episodes?size=500', V2)).status, 400);
  t.is((await get(t, '/vod/ios/episodes?q[$ne]=x', V2)).status, 400);
});

test('GET /vod/ios/episodes answers 304 to its own ETag and is never cached longer than availability', async (t) => {
  const first = await get(t, '/vod/ios/episodes?q=vera', V2);
  t.regex(first.headers.get('cache-control') ?? '', /^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
  const maxAge = Number(/max-age=(\d+)/.exec(first.headers.get('cache-control') ?? '')?.[1]);
  t.true(maxAge <= 30);
  const again = await get(t, '/vod/ios/episodes?q=vera', V2, { 'if-none-match': first.headers.get('etag')! });
  t.is(again.status, 304);
  const v1 = await get(t, '/vod/ios/episodes?q=vera', V1, { 'if-none-match': first.headers.get('etag')! });
  t.is(v1.status, 200);
});

test("GET /vod/ios/episodes names, for the edge, the keys of availability's answer and of every part it followed", async (t) => {
  const response = await get(t, '/vod/ios/episodes?channel=ITV', V2, EDGE);
  const keys = new Set(response.headers.get('xkey')?.split(' '));
  t.is(
    (await get(t, '/vod/ios/episodes?channel=ITV', V2)).headers.get('xkey'),
    null,
    'a client talking to the gateway directly never sees them',
  );
  t.true(keys.has('/availability/episodes'));
  const page = (await response.json()) as Page;
  const first = (page._embedded.productions ?? page._embedded.rails!.flatMap((r) => r._embedded.productions))[0]!;
  const id = /\d+$/.exec(first._links.self!.href)![0];
  t.true(keys.has(`/catalogue/episodes/${id}`));
  t.true(keys.has(`/guidance/episodes/${id}`));
});

test.serial(
  'GET /vod/ios/episodes with Cache-Control: no-cache (the edge after a purge) asks every upstream again instead of answering from memory',
  async (t) => {
    await get(t, '/vod/ios/episodes?q=downton', V2);
    const { catalogue, availability } = t.context.fakes;
    const before = { catalogue: catalogue.state.requests, availability: availability.state.requests };
    await get(t, '/vod/ios/episodes?q=downton', V2);
    t.is(catalogue.state.requests, before.catalogue, 'answered from memory');
    t.is(availability.state.requests, before.availability);
    const refreshed = await get(t, '/vod/ios/episodes?q=downton', V2, { 'cache-control': 'no-cache' });
    t.is(refreshed.status, 200);
    t.true(availability.state.requests > before.availability, 'availability asked again');
    t.true(catalogue.state.requests > before.catalogue, 'parts revalidated');
  },
);
