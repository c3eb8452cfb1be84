import anyTest, { type TestFn } from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import { freshPglite } from '#platform/testing/pglite';
import { bearer, serveRouters, testAuth } from '#platform/testing/http';
import { createGuidanceService } from '../service.ts';

const test = anyTest as TestFn<{ url: string; close: () => Promise<void>; editor: string }>;

test.before(async (t) => {
  const db = await freshPglite();
  const service = await createGuidanceService({
    db,
    bus: createInProcessBus({ logger: silentLogger() }),
    logger: silentLogger(),
    auth: testAuth,
  });
  const served = await serveRouters(service.routers);
  const close = async () => {
    await served.close();
    await db.close();
  };
  t.context = { ...served, close, editor: await bearer('guidance:write') };
});
test.after.always((t) => t.context.close());

let nextId = 100;
const put = (t: { context: { url: string; editor: string } }, id: number | string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.context.url}/guidance/episodes/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: t.context.editor, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const problem = async (response: Response) => {
  if (response.headers.get('content-type') !== 'application/problem+json')
    throw new Error(`expected problem+json, got ${response.headers.get('content-type')}`);
  return (await response.json()) as { status: number; title: string; detail?: string; errors?: unknown[] };
};

test('PUT /guidance/episodes/:id creates guidance with 201, Location and ETag', async (t) => {
  const id = nextId++;
  const response = await put(t, id, { restricted: true, message: 'Contains Strong Language' });
  t.is(response.status, 201);
  t.is(response.headers.get('location'), `/guidance/episodes/${id}`);
  t.is(response.headers.get('etag'), '"1"');
  t.like(await response.json(), {
    episodeId: id,
    restricted: true,
    message: 'Contains Strong Language',
    _links: { self: { href: `/guidance/episodes/${id}` } },
  });
});

test('PUT /guidance/episodes/:id updates with the current If-Match and answers the new ETag', async (t) => {
  const id = nextId++;
  await put(t, id, { restricted: true, message: 'Flashing images' });
  const response = await put(t, id, { restricted: false }, { 'if-match': '"1"' });
  t.is(response.status, 200);
  t.is(response.headers.get('etag'), '"2"');
  t.like(await response.json(), { restricted: false, message: null });
});

test('PUT /guidance/episodes/:id returns 428 when If-Match is missing on existing guidance', async (t) => {
  const id = nextId++;
  await put(t, id, { restricted: false });
  const response = await put(t, id, { restricted: true, message: 'Violence' });
  t.is(response.status, 428);
  const missing = await fetch(`${t.context.url}/guidance/episodes/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: t.context.editor, 'if-match': '' },
    body: '{"restricted":false}',
  });
  t.is(missing.status, 428);
  t.like(await (await fetch(`${t.context.url}/guidance/episodes/${id}`)).json(), { restricted: false });
});

test('PUT /guidance/episodes/:id returns 412 when If-Match is stale, and changes nothing', async (t) => {
  const id = nextId++;
  await put(t, id, { restricted: true, message: 'Violence' });
  await put(t, id, { restricted: true, message: 'Strong violence' }, { 'if-match': '"1"' });
  const response = await put(t, id, { restricted: false }, { 'if-match': '"1"' });
  t.is(response.status, 412);
  t.like(await problem(response), { status: 412, currentETag: '"2"' } as never);
  t.like(await (await fetch(`${t.context.url}/guidance/episodes/${id}`)).json(), { message: 'Strong violence' });
});

test('PUT /guidance/episodes/:id with If-None-Match: * creates and answers the new representation', async (t) => {
  const id = nextId++;
  const response = await put(t, id, { restricted: true, message: 'Violence' }, { 'if-none-match': '*' });
  t.is(response.status, 201);
  t.like(await response.json(), { episodeId: id, message: 'Violence' });
});

test('PUT /guidance/episodes/:id returns 412 for If-None-Match: * when guidance exists', async (t) => {
  const id = nextId++;
  await put(t, id, { restricted: false });
  t.is((await put(t, id, { restricted: false }, { 'if-none-match': '*' })).status, 412);
});

test('PUT /guidance/episodes/:id returns 401 without a token and for a forged one', async (t) => {
  const id = nextId++;
  t.is((await put(t, id, { restricted: false }, { authorization: '' })).status, 401);
  const forged = t.context.editor.slice(0, -4) + 'AAAA';
  const response = await put(t, id, { restricted: false }, { authorization: forged });
  t.is(response.status, 401);
  t.truthy(response.headers.get('www-authenticate'));
  t.is((await fetch(`${t.context.url}/guidance/episodes/${id}`)).status, 404);
});

test('PUT /guidance/episodes/:id returns 403 for a token without guidance:write', async (t) => {
  t.is((await put(t, nextId++, { restricted: false }, { authorization: await bearer('licencing:write') })).status, 403);
});

test('PUT /guidance/episodes/:id returns 400 for malformed JSON and an odd id', async (t) => {
  t.is((await put(t, nextId++, '{"restricted": tru')).status, 400);
  t.is((await put(t, '12ab', { restricted: false })).status, 400);
  t.is((await put(t, '0', { restricted: false })).status, 400);
});

test('PUT /guidance/episodes/:id returns 422 for wrong types, unknown fields and restriction without a message', async (t) => {
  const wrongType = await problem(await put(t, nextId++, { restricted: 'yes' }));
  t.is(wrongType.status, 422);
  t.true(Array.isArray(wrongType.errors));
  t.is((await put(t, nextId++, { restricted: false, $set: { restricted: true } })).status, 422);
  t.is((await put(t, nextId++, { restricted: true })).status, 422);
});

test('PUT /guidance/episodes/:id returns 413 for a huge body and 415 for a non-JSON body', async (t) => {
  t.is((await put(t, nextId++, { restricted: false, message: 'x'.repeat(200_000) })).status, 413);
  t.is((await put(t, nextId++, 'restricted=false', { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
});

test('GET /guidance/episodes/:id returns 200, then 304 for the same If-None-Match', async (t) => {
  const id = nextId++;
  await put(t, id, { restricted: true, message: 'Contains Strong Language' });
  const first = await fetch(`${t.context.url}/guidance/episodes/${id}`);
  t.is(first.status, 200);
  t.is(first.headers.get('content-type'), 'application/hal+json');
  t.regex(first.headers.get('cache-control') ?? '', /max-age/);
  const second = await fetch(`${t.context.url}/guidance/episodes/${id}`, { headers: { 'if-none-match': first.headers.get('etag')! } });
  t.is(second.status, 304);
});

test('GET /guidance/episodes/:id returns 404 problem+json for an episode without guidance', async (t) => {
  t.is((await problem(await fetch(`${t.context.url}/guidance/episodes/987654321`))).status, 404);
});

test('GET /guidance/episodes returns a paged collection and 400 for bad paging', async (t) => {
  await put(t, nextId++, { restricted: false });
  const page = (await (await fetch(`${t.context.url}/guidance/episodes?page=1&size=1`)).json()) as {
    total: number;
    _links: Record<string, unknown>;
  };
  t.true(page.total >= 1);
  t.truthy(page._links.first);
  t.truthy(page._links.last);
  t.is((await fetch(`${t.context.url}/guidance/episodes?size=-1`)).status, 400);
  t.is((await fetch(`${t.context.url}/guidance/episodes?page[$ne]=1`)).status, 400);
});

test('GET /guidance links to everything the service offers; DELETE is 405 with Allow', async (t) => {
  const root = (await (await fetch(`${t.context.url}/guidance`)).json()) as {
    _links: Record<string, { href: string; templated?: boolean }>;
  };
  t.deepEqual(Object.keys(root._links).sort(), ['episode', 'episodes', 'event', 'events', 'self']);
  t.true(root._links.episode!.templated);
  const response = await fetch(`${t.context.url}/guidance/episodes/${nextId}`, { method: 'DELETE' });
  t.is(response.status, 405);
  t.regex(response.headers.get('allow') ?? '', /PUT/);
});

test('GET /guidance/events lists each committed change in order with a next link', async (t) => {
  const id = nextId++;
  await put(t, id, { restricted: true, message: 'Violence' });
  const feed = (await (await fetch(`${t.context.url}/guidance/events?after=0&limit=1000`)).json()) as {
    _embedded: { events: { event: { subject: string; type: string; position: number } }[] };
  };
  const events = feed._embedded.events.map((item) => item.event);
  const mine = events.filter((e) => e.subject === `/guidance/episodes/${id}`);
  t.is(mine.length, 1);
  t.is(mine[0]!.type, 'guidance.episode.guidance-set');
  const positions = events.map((e) => e.position);
  t.deepEqual(
    positions,
    [...positions].sort((a, b) => a - b),
  );
  t.is((await fetch(`${t.context.url}/guidance/events?after=abc`)).status, 400);
});
