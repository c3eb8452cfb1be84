import anyTest, { type TestFn } from 'ava';
import { freshPglite } from '#platform/testing/pglite';
import { bearer } from '#platform/testing/http';
import { anEpisode, eventsOf, granted, problem, send, serveLicencing, type Served } from './licencing-http.fixtures.ts';

const test = anyTest as TestFn<Served>;

test.before(async (t) => {
  t.context = await serveLicencing(await freshPglite());
});
test.after.always(async (t) => {
  await t.context.close();
  await t.context.db.close();
});

const grant = (t: Parameters<typeof send>[0], body: unknown, headers: Record<string, string> = {}) =>
  send(t, 'POST', '/licencing/licences', body, headers);
const valid = () => ({ episodeId: anEpisode(), platform: 'samsung', startDate: '2013-01-04T19:30:00Z', endDate: '2013-01-11T19:30:00Z' });

test('POST /licencing/licences grants with 201, Location, ETag and a granted event', async (t) => {
  const command = { ...valid(), startDate: '2013-01-04T20:30:00+01:00', endDate: '2013-01-11T19:30:00.000Z' };
  const response = await grant(t, command);
  t.is(response.status, 201);
  t.is(response.headers.get('etag'), '"1"');
  t.is(response.headers.get('content-type'), 'application/hal+json');
  const body = (await response.json()) as { licenceId: string };
  t.regex(body.licenceId, /^[0-9a-f-]{36}$/);
  t.is(response.headers.get('location'), `/licencing/licences/${body.licenceId}`);
  t.like(body, {
    episodeId: command.episodeId,
    platform: 'samsung',
    startDate: '2013-01-04T19:30:00Z',
    endDate: '2013-01-11T19:30:00Z',
    status: 'active',
  });
  const [event, ...more] = await eventsOf(t, body.licenceId);
  t.like(event, {
    type: 'licencing.licence.granted',
    version: 1,
    data: { licenceId: body.licenceId, status: 'active', startDate: '2013-01-04T19:30:00Z' },
  });
  t.is(more.length, 0);
});

test('POST /licencing/licences returns 401 without a token and for a forged one, granting nothing', async (t) => {
  const command = valid();
  t.is((await grant(t, command, { authorization: '' })).status, 401);
  const forged = await grant(t, command, { authorization: t.context.editor.slice(0, -4) + 'AAAA' });
  t.is((await problem(forged)).status, 401);
  t.truthy(forged.headers.get('www-authenticate'));
  const listed = (await (await fetch(`${t.context.url}/licencing/licences?episode=${command.episodeId}`)).json()) as { total: number };
  t.is(listed.total, 0);
});

test('POST /licencing/licences returns 403 for a token without licencing:write', async (t) => {
  t.is((await problem(await grant(t, valid(), { authorization: await bearer('guidance:write') }))).status, 403);
});

test('POST /licencing/licences returns 400 for malformed JSON', async (t) => {
  t.is((await problem(await grant(t, '{"episodeId": 1,'))).status, 400);
});

test('POST /licencing/licences returns 422 for wrong types, unknown fields and odd episode ids', async (t) => {
  const wrongType = await problem(await grant(t, { ...valid(), episodeId: '123456' }));
  t.is(wrongType.status, 422);
  t.true(Array.isArray(wrongType.errors));
  t.is((await grant(t, { ...valid(), $set: { status: 'revoked' } })).status, 422);
  t.is((await grant(t, { ...valid(), episodeId: 0 })).status, 422);
  t.is((await grant(t, { ...valid(), episodeId: 12345678901 })).status, 422);
  t.is((await grant(t, { platform: 'ios' })).status, 422);
  t.is((await grant(t, [valid()])).status, 422);
});

test('POST /licencing/licences returns 422 for an unknown platform, a zoneless date, a year before 1900 and a window that does not end after it starts', async (t) => {
  t.like(await problem(await grant(t, { ...valid(), platform: 'playstation' })), { status: 422, code: 'unknown-platform' });
  t.like(await problem(await grant(t, { ...valid(), startDate: '2013-01-04T19:30:00' })), { status: 422, code: 'invalid-date' });
  t.like(await problem(await grant(t, { ...valid(), startDate: '2013-02-30T19:30:00Z' })), { status: 422, code: 'invalid-date' });
  t.like(await problem(await grant(t, { ...valid(), startDate: '0026-12-01T00:00:00Z' })), { status: 422, code: 'invalid-date' });
  t.like(await problem(await grant(t, { ...valid(), endDate: '0099-12-01T00:00:00Z' })), { status: 422, code: 'invalid-date' });
  t.like(await problem(await grant(t, { ...valid(), endDate: '2013-01-04T19:30:00Z' })), { status: 422, code: 'invalid-window' });
  t.like(await problem(await grant(t, { ...valid(), endDate: '2013-01-04T20:29:59+01:00' })), { status: 422, code: 'invalid-window' });
});

test('POST /licencing/licences returns 413 for a huge body and 415 for a non-JSON body', async (t) => {
  t.is((await problem(await grant(t, { ...valid(), platform: 'x'.repeat(200_000) }))).status, 413);
  t.is((await problem(await grant(t, 'episodeId=1', { 'content-type': 'application/x-www-form-urlencoded' }))).status, 415);
});

test('POST /licencing/licences makes a second, overlapping licence for the same episode and platform', async (t) => {
  const first = await granted(t);
  const second = await granted(t, {
    episodeId: first.licence.episodeId,
    startDate: '2026-01-15T00:00:00Z',
    endDate: '2026-03-01T00:00:00Z',
  });
  t.not(second.licence.licenceId, first.licence.licenceId);
  const listed = (await (await fetch(`${t.context.url}/licencing/licences?episode=${first.licence.episodeId}`)).json()) as {
    total: number;
  };
  t.is(listed.total, 2);
});

test('POST /licencing/licences refuses a licence identical to an active one with 409 and a link to it', async (t) => {
  const first = await granted(t);
  const { episodeId, platform, startDate, endDate } = first.licence;
  const response = await grant(t, { episodeId, platform, startDate, endDate });
  t.is(response.status, 409);
  const body = (await problem(response)) as { code?: string; _links?: { existing?: { href: string } } };
  t.is(body.code, 'identical-licence');
  t.is(body._links?.existing?.href, `/licencing/licences/${first.licence.licenceId}`);
  t.is((await eventsOf(t, first.licence.licenceId)).length, 1);
});

test('POST /licencing/licences with an Idempotency-Key answers the first grant again for the same body, and 422 for another body', async (t) => {
  const command = valid();
  const key = { 'idempotency-key': `grant-${command.episodeId}-abcdef` };
  const first = await grant(t, command, key);
  t.is(first.status, 201);
  const licence = (await first.json()) as { licenceId: string };
  const again = await grant(t, command, key);
  t.is(again.status, 201);
  t.is(again.headers.get('location'), `/licencing/licences/${licence.licenceId}`);
  t.is(((await again.json()) as { licenceId: string }).licenceId, licence.licenceId);
  const other = await grant(t, { ...command, platform: 'ios' }, key);
  t.is(other.status, 422);
  t.is((await problem(other)).code, 'idempotency-key-reused');
  const listed = (await (await fetch(`${t.context.url}/licencing/licences?episode=${command.episodeId}`)).json()) as { total: number };
  t.is(listed.total, 1);
  t.is((await grant(t, command, { 'idempotency-key': 'short' })).status, 400);
});

test('POST /licencing/licences double-clicked (two at once, no key) grants one licence and refuses the other', async (t) => {
  const command = valid();
  const answers = await Promise.all([grant(t, command), grant(t, command)]);
  t.deepEqual(answers.map((a) => a.status).sort(), [201, 409]);
  const listed = (await (await fetch(`${t.context.url}/licencing/licences?episode=${command.episodeId}`)).json()) as { total: number };
  t.is(listed.total, 1);
});

test("a granted event names the editor, from the token's subject", async (t) => {
  const response = await grant(t, valid());
  const body = (await response.json()) as { licenceId: string };
  const [event] = (await eventsOf(t, body.licenceId)) as unknown as { editor?: string }[];
  t.is(event?.editor, 'editor');
});

test('DELETE /licencing/licences is 405 with Allow', async (t) => {
  const response = await fetch(`${t.context.url}/licencing/licences`, { method: 'DELETE' });
  t.is((await problem(response)).status, 405);
  t.regex(response.headers.get('allow') ?? '', /POST/);
});

test("GET /licencing/events?subject= lists one licence's history, each event naming its editor", async (t) => {
  const { licence, etag } = await granted(t);
  await send(
    t,
    'PUT',
    `/licencing/licences/${licence.licenceId}/window`,
    { startDate: '2026-01-02T00:00:00Z', endDate: '2026-02-01T00:00:00Z' },
    { 'if-match': etag },
  );
  await granted(t);
  const subject = `/licencing/licences/${licence.licenceId}`;
  const feed = (await (await fetch(`${t.context.url}/licencing/events?subject=${encodeURIComponent(subject)}`)).json()) as {
    subject: string;
    _embedded: { events: { event: { subject: string; type: string; editor?: string } }[] };
  };
  t.is(feed.subject, subject);
  t.deepEqual(
    feed._embedded.events.map(({ event: e }) => [e.subject, e.type, e.editor]),
    [
      [subject, 'licencing.licence.granted', 'editor'],
      [subject, 'licencing.licence.window-amended', 'editor'],
    ],
  );
  t.is((await fetch(`${t.context.url}/licencing/events?subject=not-a-path`)).status, 400);
});
