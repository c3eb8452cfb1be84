import anyTest, { type TestFn } from 'ava';
import { freshPglite } from '#platform/testing/pglite';
import { bearer } from '#platform/testing/http';
import { eventsOf, granted, problem, send, serveLicencing, type Served } from './licencing-http.fixtures.ts';

const test = anyTest as TestFn<Served>;

test.before(async (t) => {
  t.context = await serveLicencing(await freshPglite());
});
test.after.always(async (t) => {
  await t.context.close();
  await t.context.db.close();
});

type Ctx = Parameters<typeof send>[0];
const revoke = (t: Ctx, id: string, headers: Record<string, string> = {}, body?: unknown) =>
  send(t, 'POST', `/licencing/licences/${id}/revocation`, body, headers);
const amend = (t: Ctx, id: string, body: unknown, headers: Record<string, string> = {}) =>
  send(t, 'PUT', `/licencing/licences/${id}/window`, body, headers);
const window = { startDate: '2026-03-01T00:00:00Z', endDate: '2026-04-01T00:00:00+02:00' };
const MISSING = '00000000-0000-4000-8000-000000000000';

test('POST /licencing/licences/:id/revocation revokes with the current If-Match and answers the new ETag', async (t) => {
  const { licence, etag } = await granted(t);
  const response = await revoke(t, licence.licenceId, { 'if-match': etag });
  t.is(response.status, 200);
  t.is(response.headers.get('etag'), '"2"');
  const body = (await response.json()) as { status: string; _links: Record<string, unknown> };
  t.is(body.status, 'revoked');
  t.is(body._links.revocation, undefined);
  t.like((await eventsOf(t, licence.licenceId)).at(-1), { type: 'licencing.licence.revoked', version: 2, data: { status: 'revoked' } });
  t.like(await (await fetch(`${t.context.url}/licencing/licences/${licence.licenceId}`)).json(), { status: 'revoked' });
});

test('POST /licencing/licences/:id/revocation returns 409 when already revoked, writing no second event', async (t) => {
  const { licence, etag } = await granted(t);
  await revoke(t, licence.licenceId, { 'if-match': etag });
  t.like(await problem(await revoke(t, licence.licenceId, { 'if-match': '"2"' })), { status: 409, code: 'licence-revoked' });
  t.is((await revoke(t, licence.licenceId, { 'if-match': etag })).status, 409);
  t.is((await eventsOf(t, licence.licenceId)).length, 2);
});

test('POST /licencing/licences/:id/revocation returns 428 without If-Match and 412 when it is stale', async (t) => {
  const { licence } = await granted(t);
  t.is((await problem(await revoke(t, licence.licenceId))).status, 428);
  t.like(await problem(await revoke(t, licence.licenceId, { 'if-match': '"7"' })), { status: 412, currentETag: '"1"' });
  t.is((await revoke(t, licence.licenceId, { 'if-match': 'W/"1"' })).status, 412);
  t.like(await (await fetch(`${t.context.url}/licencing/licences/${licence.licenceId}`)).json(), { status: 'active' });
});

test('POST /licencing/licences/:id/revocation returns 401, 403, 400, 404 as the request deserves', async (t) => {
  const { licence, etag } = await granted(t);
  t.is((await revoke(t, licence.licenceId, { 'if-match': etag, authorization: '' })).status, 401);
  t.is((await revoke(t, licence.licenceId, { 'if-match': etag, authorization: await bearer('catalogue:write') })).status, 403);
  t.is((await problem(await revoke(t, 'not-a-uuid', { 'if-match': etag }))).status, 400);
  t.is((await problem(await revoke(t, MISSING, { 'if-match': '"1"' }))).status, 404);
});

test('POST /licencing/licences/:id/revocation accepts {} but refuses other bodies with 400, 413, 415 and 422', async (t) => {
  const { licence, etag } = await granted(t);
  t.is((await revoke(t, licence.licenceId, { 'if-match': etag }, '{')).status, 400);
  t.is((await revoke(t, licence.licenceId, { 'if-match': etag }, { reason: 'x'.repeat(200_000) })).status, 413);
  t.is((await revoke(t, licence.licenceId, { 'if-match': etag, 'content-type': 'text/plain' }, 'please')).status, 415);
  t.is((await revoke(t, licence.licenceId, { 'if-match': etag }, { status: 'active' })).status, 422);
  t.is((await revoke(t, licence.licenceId, { 'if-match': etag }, {})).status, 200);
});

test('PUT /licencing/licences/:id/window amends with the current If-Match, normalising to UTC', async (t) => {
  const { licence, etag } = await granted(t);
  const response = await amend(t, licence.licenceId, window, {
    'if-match': etag,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  });
  t.is(response.status, 200);
  t.is(response.headers.get('etag'), '"2"');
  t.like(await response.json(), {
    licenceId: licence.licenceId,
    startDate: '2026-03-01T00:00:00Z',
    endDate: '2026-03-31T22:00:00Z',
    status: 'active',
  });
  const event = (await eventsOf(t, licence.licenceId)).at(-1) as unknown as Record<string, unknown>;
  t.like(event, { type: 'licencing.licence.window-amended', version: 2 });
  // The event joins the caller's trace, under the span of the request that made the change.
  t.regex(String(event.traceparent), /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
});

test('PUT /licencing/licences/:id/window returns 428 without If-Match and 412 when it is stale, changing nothing', async (t) => {
  const { licence, etag } = await granted(t);
  await amend(t, licence.licenceId, window, { 'if-match': etag });
  t.is((await problem(await amend(t, licence.licenceId, window))).status, 428);
  t.like(await problem(await amend(t, licence.licenceId, { ...window, endDate: '2027-01-01T00:00:00Z' }, { 'if-match': etag })), {
    status: 412,
    currentETag: '"2"',
  });
  t.like(await (await fetch(`${t.context.url}/licencing/licences/${licence.licenceId}`)).json(), { endDate: '2026-03-31T22:00:00Z' });
  t.is((await eventsOf(t, licence.licenceId)).length, 2);
});

test('PUT /licencing/licences/:id/window returns 409 for a revoked licence', async (t) => {
  const { licence, etag } = await granted(t);
  await revoke(t, licence.licenceId, { 'if-match': etag });
  t.like(await problem(await amend(t, licence.licenceId, window, { 'if-match': '"2"' })), { status: 409, code: 'licence-revoked' });
});

test('PUT /licencing/licences/:id/window returns 401, 403, 400 and 404 as the request deserves', async (t) => {
  const { licence, etag } = await granted(t);
  t.is((await amend(t, licence.licenceId, window, { 'if-match': etag, authorization: 'Bearer a.b.c' })).status, 401);
  t.is((await amend(t, licence.licenceId, window, { 'if-match': etag, authorization: await bearer('guidance:write') })).status, 403);
  t.is((await amend(t, licence.licenceId, '{"startDate":', { 'if-match': etag })).status, 400);
  t.is((await amend(t, `${licence.licenceId}x`, window, { 'if-match': etag })).status, 400);
  t.is((await problem(await amend(t, MISSING, window, { 'if-match': '"1"' }))).status, 404);
});

test('PUT /licencing/licences/:id/window returns 422 for wrong types, unknown fields, bad dates and a backwards window', async (t) => {
  const { licence, etag } = await granted(t);
  const headers = { 'if-match': etag };
  t.is((await amend(t, licence.licenceId, { ...window, startDate: 20260301 }, headers)).status, 422);
  t.is((await amend(t, licence.licenceId, { ...window, platform: 'web' }, headers)).status, 422);
  t.like(await problem(await amend(t, licence.licenceId, { ...window, endDate: 'tomorrow' }, headers)), {
    status: 422,
    code: 'invalid-date',
  });
  t.like(await problem(await amend(t, licence.licenceId, { startDate: window.endDate, endDate: window.startDate }, headers)), {
    status: 422,
    code: 'invalid-window',
  });
  t.is((await eventsOf(t, licence.licenceId)).length, 1);
});

test('PUT /licencing/licences/:id/window returns 413 for a huge body and 415 for a non-JSON body', async (t) => {
  const { licence, etag } = await granted(t);
  t.is((await amend(t, licence.licenceId, { ...window, startDate: 'x'.repeat(200_000) }, { 'if-match': etag })).status, 413);
  t.is(
    (await amend(t, licence.licenceId, 'startDate=x', { 'if-match': etag, 'content-type': 'application/x-www-form-urlencoded' })).status,
    415,
  );
});

test('GET /licencing/licences/:id/window is 405 with Allow: PUT', async (t) => {
  const { licence } = await granted(t);
  const response = await fetch(`${t.context.url}/licencing/licences/${licence.licenceId}/window`);
  t.is((await problem(response)).status, 405);
  t.regex(response.headers.get('allow') ?? '', /PUT/);
});
