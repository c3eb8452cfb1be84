import anyTest, { type TestFn } from 'ava';
import fc from 'fast-check';
import { freshPglite } from '#platform/testing/pglite';
import { granted, send, serveLicencing, type Served } from './licencing-http.fixtures.ts';

const test = anyTest as TestFn<Served & { licenceId: string }>;

test.before(async (t) => {
  const served = await serveLicencing(await freshPglite());
  t.context = { ...served, licenceId: (await granted({ context: served })).licence.licenceId };
});
test.after.always(async (t) => {
  await t.context.close();
  await t.context.db.close();
});

const head = async (t: { context: Served }) =>
  ((await (await fetch(`${t.context.url}/licencing/events?after=0&limit=1`)).json()) as { head: number }).head;

/** Bodies that are never a valid command: wrong shapes, wrong types, odd dates, unknown fields. */
const badBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length > 0),
  fc.record({
    episodeId: fc.oneof(fc.integer({ max: 0 }), fc.double(), fc.string()),
    platform: fc.string({ maxLength: 40 }),
    startDate: fc.string({ maxLength: 40 }),
    endDate: fc.string({ maxLength: 40 }),
  }),
  fc.record({
    startDate: fc.string({ maxLength: 40 }),
    endDate: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
  }),
  fc.record({
    startDate: fc.constant('2026-01-01T00:00:00Z'),
    endDate: fc.constant('2027-01-01T00:00:00Z'),
    $set: fc.jsonValue({ maxDepth: 2 }),
  }),
);
const target = fc.constantFrom('grant', 'amend', 'revoke', 'list');
const queryJunk = fc.array(
  fc.tuple(fc.constantFrom('episode', 'platform', 'page', 'size', 'episode[$ne]', 'status', '__proto__'), fc.string({ maxLength: 20 })),
  { minLength: 1, maxLength: 3 },
);

test('every licencing route answers random bad input with a 4xx problem and writes no event', async (t) => {
  const before = await head(t);
  const ids = fc.constantFrom(t.context.licenceId, t.context.licenceId.toUpperCase(), '00000000-0000-4000-8000-000000000000');
  await fc.assert(
    fc.asyncProperty(
      target,
      badBody,
      ids,
      fc.constantFrom('"1"', '"9"', '*', 'W/"1"'),
      queryJunk,
      async (kind, body, id, ifMatch, query) => {
        const response =
          kind === 'grant'
            ? await send(t, 'POST', '/licencing/licences', body)
            : kind === 'amend'
              ? await send(t, 'PUT', `/licencing/licences/${id}/window`, body, { 'if-match': ifMatch })
              : kind === 'revoke'
                ? await send(t, 'POST', `/licencing/licences/${id}/revocation`, body, { 'if-match': ifMatch })
                : await fetch(`${t.context.url}/licencing/licences?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`);
        await response.arrayBuffer();
        if (kind === 'list' && response.status === 200) return true;
        return response.status >= 400 && response.status < 500 && response.headers.get('content-type') === 'application/problem+json';
      },
    ),
    { numRuns: 300 },
  );
  t.is(await head(t), before);
});
