import anyTest, { type TestFn } from 'ava';
import { bearer } from '#platform/testing/http';
import { episodeBody, problem, programmeBody, read, send, serveCatalogue, type Served } from './catalogue-http-fixture.ts';

const test = anyTest as TestFn<Served>;

test.before(async (t) => {
  t.context = await serveCatalogue();
});
test.after.always((t) => t.context.close());

let nextId = 100;
const putProgramme = (t: Parameters<typeof send>[0], id: number | string, body: unknown, headers: Record<string, string> = {}) =>
  send(t, 'PUT', `/catalogue/programmes/${id}`, body, headers);

test('PUT /catalogue/programmes/:id publishes with 201, Location and ETag', async (t) => {
  const id = nextId++;
  const response = await putProgramme(t, id, programmeBody(), { 'if-none-match': '*' });
  t.is(response.status, 201);
  t.is(response.headers.get('location'), `/catalogue/programmes/${id}`);
  t.is(response.headers.get('etag'), '"1"');
  t.like(await response.json(), {
    programmeId: id,
    title: 'Downton Abbey',
    channel: 'ITV',
    _links: { self: { href: `/catalogue/programmes/${id}` }, episodes: { href: `/catalogue/programmes/${id}/episodes` } },
  });
});

test('PUT /catalogue/programmes/:id revises with If-Match and carries a new title to every episode', async (t) => {
  const id = nextId++;
  await putProgramme(t, id, programmeBody());
  for (const episodeId of [id * 10 + 1, id * 10 + 2]) await send(t, 'PUT', `/catalogue/episodes/${episodeId}`, episodeBody(id));
  const response = await putProgramme(t, id, programmeBody({ title: 'Downton', channel: 'ITV3' }), { 'if-match': '"1"' });
  t.is(response.status, 200);
  t.is(response.headers.get('etag'), '"2"');
  const episode = await fetch(`${t.context.url}/catalogue/episodes/${id * 10 + 1}`);
  t.is(episode.headers.get('etag'), '"2"');
  t.like(await episode.json(), { programmeTitle: 'Downton', channel: 'ITV3' });
  const feed = await read<{ _embedded: { events: { event: { type: string; subject: string } }[] } }>(
    t,
    '/catalogue/events?after=0&limit=1000',
  );
  const revised = feed._embedded.events
    .map((item) => item.event)
    .filter((e) => e.type === 'catalogue.episode.revised' && e.subject.startsWith(`/catalogue/episodes/${id}`));
  t.is(revised.length, 2);
});

test('PUT /catalogue/programmes/:id returns 428 when If-Match is missing on a published programme', async (t) => {
  const id = nextId++;
  await putProgramme(t, id, programmeBody());
  t.like(await problem(await putProgramme(t, id, programmeBody({ title: 'Other' }))), { status: 428, code: 'precondition-required' });
  t.like(await read(t, `/catalogue/programmes/${id}`), { title: 'Downton Abbey' });
});

test('PUT /catalogue/programmes/:id returns 412 when If-Match is stale or If-None-Match: * meets a programme', async (t) => {
  const id = nextId++;
  await putProgramme(t, id, programmeBody());
  await putProgramme(t, id, programmeBody({ synopsis: 'New synopsis.' }), { 'if-match': '"1"' });
  t.like(await problem(await putProgramme(t, id, programmeBody(), { 'if-match': '"1"' })), { status: 412, currentETag: '"2"' });
  t.is((await putProgramme(t, id, programmeBody(), { 'if-none-match': '*' })).status, 412);
  t.is((await putProgramme(t, id, programmeBody(), { 'if-match': 'W/"2"' })).status, 412);
});

test('PUT /catalogue/programmes/:id returns 404 when If-Match names a programme never published', async (t) => {
  t.is((await problem(await putProgramme(t, nextId++, programmeBody(), { 'if-match': '"1"' }))).status, 404);
});

test('PUT /catalogue/programmes/:id returns 401 without a token or with a forged one, and 403 without catalogue:write', async (t) => {
  const id = nextId++;
  t.is((await putProgramme(t, id, programmeBody(), { authorization: '' })).status, 401);
  t.is((await putProgramme(t, id, programmeBody(), { authorization: t.context.editor.slice(0, -4) + 'AAAA' })).status, 401);
  t.is((await putProgramme(t, id, programmeBody(), { authorization: await bearer('guidance:write') })).status, 403);
  t.is((await fetch(`${t.context.url}/catalogue/programmes/${id}`)).status, 404);
});

test('PUT /catalogue/programmes/:id returns 400 for malformed JSON and odd ids', async (t) => {
  t.is((await putProgramme(t, nextId++, '{"title": "Down')).status, 400);
  for (const odd of ['0', '12ab', '-1', '12345678901', '1.5']) t.is((await putProgramme(t, odd, programmeBody())).status, 400, odd);
});

test('PUT /catalogue/programmes/:id returns 422 for wrong types, unknown fields, blank text and odd channels', async (t) => {
  const wrongType = await problem(await putProgramme(t, nextId++, programmeBody({ title: 42 })));
  t.is(wrongType.status, 422);
  t.true(Array.isArray(wrongType.errors));
  t.is((await putProgramme(t, nextId++, { ...programmeBody(), $set: { title: 'x' } })).status, 422);
  t.like(await problem(await putProgramme(t, nextId++, programmeBody({ title: '   ' }))), { status: 422, code: 'invalid-programme' });
  t.is((await putProgramme(t, nextId++, programmeBody({ channel: '<ITV>' }))).status, 422);
  t.is((await putProgramme(t, nextId++, programmeBody({ synopsis: 'x'.repeat(2001) }))).status, 422);
});

test('PUT /catalogue/programmes/:id returns 413 for a huge body and 415 for a non-JSON body', async (t) => {
  t.is((await putProgramme(t, nextId++, programmeBody({ synopsis: 'x'.repeat(200_000) }))).status, 413);
  t.is((await putProgramme(t, nextId++, 'title=Downton', { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
});

test('GET /catalogue/programmes/:id returns 200 with an ETag, then 304 for the same If-None-Match', async (t) => {
  const id = nextId++;
  await putProgramme(t, id, programmeBody());
  const first = await fetch(`${t.context.url}/catalogue/programmes/${id}`);
  t.is(first.status, 200);
  t.is(first.headers.get('content-type'), 'application/hal+json');
  t.regex(first.headers.get('cache-control') ?? '', /max-age/);
  t.is(
    (await fetch(`${t.context.url}/catalogue/programmes/${id}`, { headers: { 'if-none-match': first.headers.get('etag')! } })).status,
    304,
  );
});

test('GET /catalogue/programmes/:id returns 404 for an unknown programme and 400 for an odd id', async (t) => {
  t.is((await problem(await fetch(`${t.context.url}/catalogue/programmes/987654321`))).status, 404);
  t.is((await problem(await fetch(`${t.context.url}/catalogue/programmes/abc`))).status, 400);
});

test('GET /catalogue/programmes pages by channel with first/next/last links', async (t) => {
  for (let i = 0; i < 3; i++) await putProgramme(t, nextId++, programmeBody({ channel: 'CITV' }));
  const page = await read<{ total: number; _links: Record<string, { href: string }>; _embedded: { programmes: { channel: string }[] } }>(
    t,
    '/catalogue/programmes?channel=CITV&size=2',
  );
  t.is(page.total, 3);
  t.true(page._embedded.programmes.every((p) => p.channel === 'CITV'));
  t.is(page._links.next!.href, '/catalogue/programmes?page=2&size=2&channel=CITV');
  t.is(page._links.last!.href, '/catalogue/programmes?page=2&size=2&channel=CITV');
  t.is(page._links.prev, undefined);
});

test('GET /catalogue/programmes returns 400 for unknown, bracketed, repeated or out-of-range parameters', async (t) => {
  for (const query of [
    'size=0',
    'size=101',
    'page=x',
    'channel[$ne]=ITV',
    'sort=title',
    'channel=ITV&channel=ITV2',
    'channel=%3Cscript%3E',
  ]) {
    t.is((await problem(await fetch(`${t.context.url}/catalogue/programmes?${query}`))).status, 400, query);
  }
});

test('GET /catalogue/programmes/:id/episodes lists episodes in running order, 404 for an unknown programme', async (t) => {
  const id = nextId++;
  await putProgramme(t, id, programmeBody());
  await send(t, 'PUT', `/catalogue/episodes/${id * 10 + 2}`, episodeBody(id, { orderInProgramme: 1 }));
  await send(t, 'PUT', `/catalogue/episodes/${id * 10 + 1}`, episodeBody(id, { orderInProgramme: 2 }));
  const page = await read<{ total: number; _links: Record<string, { href: string }>; _embedded: { episodes: { episodeId: number }[] } }>(
    t,
    `/catalogue/programmes/${id}/episodes`,
  );
  t.deepEqual(
    page._embedded.episodes.map((e) => e.episodeId),
    [id * 10 + 2, id * 10 + 1],
  );
  t.is(page._links.programme!.href, `/catalogue/programmes/${id}`);
  t.is((await problem(await fetch(`${t.context.url}/catalogue/programmes/987654321/episodes`))).status, 404);
  t.is((await problem(await fetch(`${t.context.url}/catalogue/programmes/${id}/episodes?page=0`))).status, 400);
});

test('DELETE /catalogue/programmes/:id returns 405 with Allow', async (t) => {
  const response = await fetch(`${t.context.url}/catalogue/programmes/1`, { method: 'DELETE' });
  t.is(response.status, 405);
  t.regex(response.headers.get('allow') ?? '', /PUT/);
  t.is((await problem(response)).status, 405);
});

test('GET /catalogue links to everything the service offers, templated where it takes parameters', async (t) => {
  const response = await fetch(`${t.context.url}/catalogue`);
  t.is(response.headers.get('content-type'), 'application/hal+json');
  const root = (await response.json()) as { _links: Record<string, { href: string; templated?: boolean }> };
  t.deepEqual(Object.keys(root._links).sort(), [
    'episode',
    'episodes',
    'event',
    'events',
    'programme',
    'programmeEpisodes',
    'programmes',
    'self',
    'withdrawal',
  ]);
  t.true(Object.entries(root._links).every(([rel, link]) => rel === 'self' || link.templated === true));
  t.is((await fetch(`${t.context.url}/catalogue`, { headers: { 'if-none-match': response.headers.get('etag')! } })).status, 304);
});

test('GET /catalogue/events lists each committed change in order as CloudEvents, 400 for a bad position', async (t) => {
  const id = nextId++;
  await putProgramme(t, id, programmeBody());
  const feed = await read<{
    _embedded: { events: { event: { subject: string; type: string; position: number; source: string; version: number; data: unknown } }[] };
  }>(t, '/catalogue/events?after=0&limit=1000');
  const events = feed._embedded.events.map((item) => item.event);
  const mine = events.filter((e) => e.subject === `/catalogue/programmes/${id}`);
  t.deepEqual(
    mine.map((e) => [e.type, e.source, e.version]),
    [['catalogue.programme.published', '/catalogue', 1]],
  );
  t.deepEqual(mine[0]!.data, { programmeId: id, ...programmeBody() });
  const positions = events.map((e) => e.position);
  t.deepEqual(
    positions,
    [...positions].sort((a, b) => a - b),
  );
  t.is((await problem(await fetch(`${t.context.url}/catalogue/events?after=abc`))).status, 400);
});

test('GET /catalogue/programmes?title= finds programmes whose title contains the words, in any case', async (t) => {
  const id = nextId++;
  await putProgramme(t, id, programmeBody({ title: 'The Quietly Unusual Show' }));
  const found = await read<{ total: number; _embedded: { programmes: { programmeId: number }[] } }>(
    t,
    '/catalogue/programmes?title=quietly%20UNUSUAL',
  );
  t.deepEqual(
    found._embedded.programmes.map((p) => p.programmeId),
    [id],
  );
  t.is(found.total, 1);
  const none = await read<{ total: number }>(t, '/catalogue/programmes?title=no-such-programme-anywhere');
  t.is(none.total, 0);
});
