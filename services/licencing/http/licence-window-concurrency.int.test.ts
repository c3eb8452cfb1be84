import anyTest, { type TestFn } from 'ava';
import { freshPostgres } from '#platform/testing/postgres';
import { eventsOf, granted, send, serveLicencing, type Served } from './licencing-http.fixtures.ts';

const test = anyTest as TestFn<Served>;

test('PUT /licencing/licences/:id/window: of 50 concurrent amendments with the same If-Match, exactly one wins and one event is written', async (t) => {
  const db = await freshPostgres(t, { max: 8 });
  if (!db) return;
  t.context = await serveLicencing(db);
  t.teardown(() => t.context.close());
  const { licence, etag } = await granted(t);
  const before = (await db.query<{ n: number }>(/* sql */ `SELECT count(*)::int AS n FROM outbox`)).rows[0]!.n;
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      send(
        t,
        'PUT',
        `/licencing/licences/${licence.licenceId}/window`,
        { startDate: '2026-01-01T00:00:00Z', endDate: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString() },
        { 'if-match': etag },
      ),
    ),
  );
  const statuses = responses.map((r) => r.status).sort();
  t.is(statuses.filter((s) => s === 200).length, 1);
  t.is(statuses.filter((s) => s === 412).length, 49);
  const after = (await db.query<{ n: number }>(/* sql */ `SELECT count(*)::int AS n FROM outbox`)).rows[0]!.n;
  t.is(after - before, 1);
  const events = await eventsOf(t, licence.licenceId);
  t.deepEqual(
    events.map((e) => [e.type, e.version]),
    [
      ['licencing.licence.granted', 1],
      ['licencing.licence.window-amended', 2],
    ],
  );
  const winner = (await responses.find((r) => r.status === 200)!.json()) as { endDate: string };
  t.like(await (await fetch(`${t.context.url}/licencing/licences/${licence.licenceId}`)).json(), { endDate: winner.endDate });
});
