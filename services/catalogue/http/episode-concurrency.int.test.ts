import test from 'ava';
import { headPosition } from '#platform/outbox/outbox';
import { freshPostgres } from '#platform/testing/postgres';
import { episodeBody, programmeBody, send, serveCatalogue } from './catalogue-http-fixture.ts';

test('PUT /catalogue/episodes/:id with the same If-Match 50 times at once: one 200, 49 412s, one new event', async (t) => {
  const db = await freshPostgres(t, { max: 8 });
  if (!db) return;
  const served = await serveCatalogue(db);
  t.teardown(() => served.close());
  const ctx = { context: served };
  t.is((await send(ctx, 'PUT', '/catalogue/programmes/1', programmeBody())).status, 201);
  t.is((await send(ctx, 'PUT', '/catalogue/episodes/123456', episodeBody(1))).status, 201);
  const before = await headPosition(db);

  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      send(ctx, 'PUT', '/catalogue/episodes/123456', episodeBody(1, { title: `Edit ${i}` }), { 'if-match': '"1"' }),
    ),
  );
  const statuses = responses.map((r) => r.status).sort();
  t.deepEqual(statuses, [200, ...Array<number>(49).fill(412)]);

  const { rows } = await db.query<{ n: number }>(/* sql */ `SELECT count(*)::int AS n FROM outbox WHERE position > $1`, [before]);
  t.is(rows[0]!.n, 1);
  const winner = responses.find((r) => r.status === 200)!;
  t.is(winner.headers.get('etag'), '"2"');
  const { rows: stored } = await db.query<{ version: number }>(/* sql */ `SELECT version FROM episodes WHERE episode_id = 123456`);
  t.is(stored[0]!.version, 2);
});

test('PUT /catalogue/programmes/:id racing 20 new episodes of it never leaves an episode with the old channel', async (t) => {
  const db = await freshPostgres(t, { max: 8 });
  if (!db) return;
  const served = await serveCatalogue(db);
  t.teardown(() => served.close());
  const ctx = { context: served };
  await send(ctx, 'PUT', '/catalogue/programmes/2', programmeBody());
  const [revision, ...episodes] = await Promise.all([
    send(ctx, 'PUT', '/catalogue/programmes/2', programmeBody({ channel: 'ITV4' }), { 'if-match': '"1"' }),
    ...Array.from({ length: 20 }, (_, i) => send(ctx, 'PUT', `/catalogue/episodes/${500 + i}`, episodeBody(2))),
  ]);
  t.true([200, 412].includes(revision!.status));
  t.true(episodes.every((r) => [201, 412].includes(r.status)));
  const { rows } = await db.query<{ n: number }>(
    /* sql */ `SELECT count(*)::int AS n FROM episodes e JOIN programmes p USING (programme_id) WHERE e.channel <> p.channel OR e.programme_title <> p.title`,
  );
  t.is(rows[0]!.n, 0);
});
