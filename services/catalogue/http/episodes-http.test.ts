import anyTest, { type TestFn } from 'ava';
import { bearer } from '#platform/testing/http';
import { episodeBody, problem, programmeBody, read, send, serveCatalogue, type Served } from './catalogue-http-fixture.ts';

const test = anyTest as TestFn<Served>;
const PROGRAMME = 7;
const SEED_SYNOPSIS =
  'Maggie Smith, Hugh Bonneville and Elizabeth McGovern star in a glittering period drama following the lives of the aristocratic Crawley family on their estate, Downton.';

test.before(async (t) => {
  t.context = await serveCatalogue();
  await send(t, 'PUT', `/catalogue/programmes/${PROGRAMME}`, programmeBody());
});
test.after.always((t) => t.context.close());

let nextId = 1000;
type Ctx = Parameters<typeof send>[0];
const putEpisode = (t: Ctx, id: number | string, body: unknown, headers: Record<string, string> = {}) =>
  send(t, 'PUT', `/catalogue/episodes/${id}`, body, headers);
const withdraw = (t: Ctx, id: number | string, headers: Record<string, string> = {}) =>
  send(t, 'POST', `/catalogue/episodes/${id}/withdrawal`, undefined, headers);

test('GET /catalogue/episodes/:id holds the seed example exactly, with links to its programme', async (t) => {
  const created = await putEpisode(
    t,
    123456,
    episodeBody(PROGRAMME, { title: 'Episode 2', synopsis: SEED_SYNOPSIS, seriesNumber: 3, orderInSeries: 2, orderInProgramme: 23 }),
    { 'if-none-match': '*' },
  );
  t.is(created.status, 201);
  t.is(created.headers.get('location'), '/catalogue/episodes/123456');
  t.like(await read(t, '/catalogue/episodes/123456'), {
    episodeId: 123456,
    programmeId: PROGRAMME,
    programmeTitle: 'Downton Abbey',
    channel: 'ITV',
    synopsis: SEED_SYNOPSIS,
    orderInSeries: 2,
    orderInProgramme: 23,
    status: 'published',
    _links: { self: { href: '/catalogue/episodes/123456' }, programme: { href: `/catalogue/programmes/${PROGRAMME}` } },
  });
});

test('PUT /catalogue/episodes/:id revises with If-Match: 200, the new ETag, and a read sees it at once', async (t) => {
  const id = nextId++;
  await putEpisode(t, id, episodeBody(PROGRAMME));
  t.is((await fetch(`${t.context.url}/catalogue/episodes/${id}`)).status, 200);
  const response = await putEpisode(t, id, episodeBody(PROGRAMME, { title: 'Revised' }), { 'if-match': '"1"' });
  t.is(response.status, 200);
  t.is(response.headers.get('etag'), '"2"');
  t.like(await response.json(), { title: 'Revised' });
  t.like(await read(t, `/catalogue/episodes/${id}`), { title: 'Revised' });
});

test('PUT /catalogue/episodes/:id returns 428 when If-Match is missing on an existing episode', async (t) => {
  const id = nextId++;
  await putEpisode(t, id, episodeBody(PROGRAMME));
  t.like(await problem(await putEpisode(t, id, episodeBody(PROGRAMME, { title: 'Lost edit' }))), { status: 428 });
  t.like(await read(t, `/catalogue/episodes/${id}`), { title: 'Episode' });
});

test('PUT /catalogue/episodes/:id returns 412 when If-Match is stale or If-None-Match: * meets an episode', async (t) => {
  const id = nextId++;
  await putEpisode(t, id, episodeBody(PROGRAMME));
  await putEpisode(t, id, episodeBody(PROGRAMME, { title: 'Second' }), { 'if-match': '"1"' });
  t.like(await problem(await putEpisode(t, id, episodeBody(PROGRAMME), { 'if-match': '"1"' })), { status: 412, currentETag: '"2"' });
  t.is((await putEpisode(t, id, episodeBody(PROGRAMME), { 'if-none-match': '*' })).status, 412);
  t.like(await read(t, `/catalogue/episodes/${id}`), { title: 'Second' });
});

test('PUT /catalogue/episodes/:id returns 404 when If-Match names an episode never published', async (t) => {
  t.is((await problem(await putEpisode(t, nextId++, episodeBody(PROGRAMME), { 'if-match': '"1"' }))).status, 404);
});

test('PUT /catalogue/episodes/:id returns 401 without or with a forged token, 403 without catalogue:write', async (t) => {
  const id = nextId++;
  t.is((await putEpisode(t, id, episodeBody(PROGRAMME), { authorization: '' })).status, 401);
  t.is((await putEpisode(t, id, episodeBody(PROGRAMME), { authorization: 'Bearer a.b.c' })).status, 401);
  t.is((await putEpisode(t, id, episodeBody(PROGRAMME), { authorization: await bearer('licencing:write') })).status, 403);
  t.is((await fetch(`${t.context.url}/catalogue/episodes/${id}`)).status, 404);
});

test('PUT /catalogue/episodes/:id returns 400 for malformed JSON and odd ids', async (t) => {
  t.is((await putEpisode(t, nextId++, '{"programmeId": 7,')).status, 400);
  for (const odd of ['0', 'abc', '00012', '99999999999']) t.is((await putEpisode(t, odd, episodeBody(PROGRAMME))).status, 400, odd);
});

test('PUT /catalogue/episodes/:id returns 422 for an unknown programme, wrong types, unknown fields and bad orders', async (t) => {
  t.like(await problem(await putEpisode(t, nextId++, episodeBody(424242))), { status: 422, code: 'unknown-programme' });
  for (const bad of [
    { orderInSeries: 0 },
    { orderInProgramme: 1.5 },
    { durationSeconds: 90_000 },
    { seriesNumber: '1' },
    { title: '' },
    { status: 'withdrawn' },
  ]) {
    t.is((await putEpisode(t, nextId++, episodeBody(PROGRAMME, bad))).status, 422, JSON.stringify(bad));
  }
  t.like(await problem(await putEpisode(t, nextId++, episodeBody(PROGRAMME, { synopsis: ' \n ' }))), {
    status: 422,
    code: 'invalid-episode',
  });
});

test('PUT /catalogue/episodes/:id returns 413 for a huge body and 415 for a non-JSON body', async (t) => {
  t.is((await putEpisode(t, nextId++, episodeBody(PROGRAMME, { synopsis: 'x'.repeat(100_000) }))).status, 413);
  t.is((await putEpisode(t, nextId++, '<episode/>', { 'content-type': 'application/xml' })).status, 415);
});

test('POST /catalogue/episodes/:id/withdrawal withdraws: 200, new ETag, still readable as withdrawn', async (t) => {
  const id = nextId++;
  await putEpisode(t, id, episodeBody(PROGRAMME));
  const response = await withdraw(t, id, { 'if-match': '"1"' });
  t.is(response.status, 200);
  t.is(response.headers.get('etag'), '"2"');
  const body = (await response.json()) as { status: string; _links: Record<string, unknown> };
  t.is(body.status, 'withdrawn');
  t.is(body._links.withdrawal, undefined);
  t.like(await read(t, `/catalogue/episodes/${id}`), { status: 'withdrawn' });
});

test('POST /catalogue/episodes/:id/withdrawal returns 409 for a withdrawn episode, which PUT with If-Match republishes', async (t) => {
  const id = nextId++;
  await putEpisode(t, id, episodeBody(PROGRAMME));
  await withdraw(t, id, { 'if-match': '"1"' });
  t.like(await problem(await withdraw(t, id, { 'if-match': '"2"' })), { status: 409, code: 'episode-already-withdrawn' });
  const republished = await putEpisode(t, id, episodeBody(PROGRAMME), { 'if-match': '"2"' });
  t.is(republished.status, 200);
  t.like(await republished.json(), { status: 'published' });
  const feed = await read<{ _embedded: { events: { event: { type: string; subject: string } }[] } }>(
    t,
    '/catalogue/events?after=0&limit=1000',
  );
  t.deepEqual(
    feed._embedded.events
      .map((item) => item.event)
      .filter((e) => e.subject === `/catalogue/episodes/${id}`)
      .map((e) => e.type),
    ['catalogue.episode.published', 'catalogue.episode.withdrawn', 'catalogue.episode.published'],
  );
});

test('POST /catalogue/episodes/:id/withdrawal returns 428 without If-Match, 412 when stale, 404 when unknown, 400 for an odd id', async (t) => {
  const id = nextId++;
  await putEpisode(t, id, episodeBody(PROGRAMME));
  t.is((await problem(await withdraw(t, id))).status, 428);
  t.like(await problem(await withdraw(t, id, { 'if-match': '"7"' })), { status: 412, currentETag: '"1"' });
  t.is((await problem(await withdraw(t, 987654321, { 'if-match': '"1"' }))).status, 404);
  t.is((await problem(await withdraw(t, 'x1', { 'if-match': '"1"' }))).status, 400);
  t.like(await read(t, `/catalogue/episodes/${id}`), { status: 'published' });
});

test('POST /catalogue/episodes/:id/withdrawal returns 401 without a token, 403 without catalogue:write, 405 for GET', async (t) => {
  const id = nextId++;
  await putEpisode(t, id, episodeBody(PROGRAMME));
  t.is((await withdraw(t, id, { authorization: '', 'if-match': '"1"' })).status, 401);
  t.is((await withdraw(t, id, { authorization: await bearer('guidance:write'), 'if-match': '"1"' })).status, 403);
  t.is((await fetch(`${t.context.url}/catalogue/episodes/${id}/withdrawal`)).status, 405);
  t.like(await read(t, `/catalogue/episodes/${id}`), { status: 'published' });
});

test('GET /catalogue/episodes/:id returns 200, then 304 for the same If-None-Match; 404 unknown; 400 odd', async (t) => {
  const id = nextId++;
  await putEpisode(t, id, episodeBody(PROGRAMME));
  const first = await fetch(`${t.context.url}/catalogue/episodes/${id}`);
  t.is(first.status, 200);
  t.is(first.headers.get('content-type'), 'application/hal+json');
  t.regex(first.headers.get('cache-control') ?? '', /max-age/);
  t.is(
    (await fetch(`${t.context.url}/catalogue/episodes/${id}`, { headers: { 'if-none-match': first.headers.get('etag')! } })).status,
    304,
  );
  t.is((await problem(await fetch(`${t.context.url}/catalogue/episodes/987654321`))).status, 404);
  t.is((await problem(await fetch(`${t.context.url}/catalogue/episodes/1e5`))).status, 400);
});

test("GET /catalogue/episodes pages every episode, or one programme's, and 400 for bad parameters", async (t) => {
  await putEpisode(t, nextId++, episodeBody(PROGRAMME));
  const page = await read<{ total: number; _links: Record<string, { href: string }>; _embedded: { episodes: { programmeId: number }[] } }>(
    t,
    `/catalogue/episodes?programme=${PROGRAMME}&size=1`,
  );
  t.true(page.total >= 1);
  t.is(page._embedded.episodes.length, 1);
  t.is(page._links.first!.href, `/catalogue/episodes?page=1&size=1&programme=${PROGRAMME}`);
  t.truthy(page._links.last);
  t.is((await read<{ total: number }>(t, '/catalogue/episodes?programme=424242')).total, 0);
  for (const query of ['size=-1', 'programme=0', 'programme[$gt]=1', 'limit=5', 'page=1&page=2']) {
    t.is((await problem(await fetch(`${t.context.url}/catalogue/episodes?${query}`))).status, 400, query);
  }
});
