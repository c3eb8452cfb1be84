import test from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import { headPosition } from '#platform/outbox/outbox';
import { bearer, serveRouters, testAuth } from '#platform/testing/http';
import { freshPostgres } from '#platform/testing/postgres';
import { createGuidanceService } from '../service.ts';

test('PUT /guidance/episodes/:id with 50 concurrent updates at the same If-Match: one 200, the rest 412, one new event', async (t) => {
  const db = await freshPostgres(t, { max: 16 });
  if (!db) return;
  const service = await createGuidanceService({
    db,
    bus: createInProcessBus({ logger: silentLogger() }),
    logger: silentLogger(),
    auth: testAuth,
  });
  const { url, close } = await serveRouters(service.routers);
  t.teardown(close);
  const headers = { 'content-type': 'application/json', authorization: await bearer('guidance:write') };
  const created = await fetch(`${url}/guidance/episodes/123456`, { method: 'PUT', headers, body: JSON.stringify({ restricted: false }) });
  t.is(created.status, 201);
  const before = await headPosition(db);

  const statuses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      fetch(`${url}/guidance/episodes/123456`, {
        method: 'PUT',
        headers: { ...headers, 'if-match': created.headers.get('etag')! },
        body: JSON.stringify({ restricted: true, message: `Contains Strong Language (${i})` }),
      }).then((r) => r.status),
    ),
  );

  t.is(statuses.filter((s) => s === 200).length, 1);
  t.is(statuses.filter((s) => s === 412).length, 49);
  t.is((await headPosition(db)) - before, 1);
  const final = (await (await fetch(`${url}/guidance/episodes/123456`)).json()) as { message: string };
  t.regex(final.message, /^Contains Strong Language \(\d+\)$/);
});
