import test from 'ava';
import { guidanceEvent } from '../../testing/event-builders.ts';
import { startAvailabilityApp } from '../../testing/availability-app.ts';

type Positions = { sources: { source: string; position: number }[] };
const guidanceOf = (body: Positions) => body.sources.find((s) => s.source === 'guidance')?.position;

test('GET /availability/status/positions answers the applied positions at once, uncached', async (t) => {
  const app = await startAvailabilityApp();
  t.teardown(() => app.close());
  await app.publish(guidanceEvent(7, true, 'Strong Language', 1, 3));
  const response = await app.get('/availability/status/positions');
  t.is(response.status, 200);
  t.is(response.headers.get('cache-control'), 'no-store');
  const body = (await response.json()) as Positions;
  t.deepEqual(
    body.sources.map((s) => s.source),
    ['catalogue', 'guidance', 'licencing'],
  );
  t.is(guidanceOf(body), 3);
});

test('GET /availability/status/positions?since= waits for a position to pass what the asker knows, and answers when one does', async (t) => {
  const app = await startAvailabilityApp();
  t.teardown(() => app.close());
  await app.publish(guidanceEvent(7, true, 'Strong Language', 1, 3));
  let answered = false;
  const waiting = app.get('/availability/status/positions?since=catalogue:0,guidance:3,licencing:0&waitMs=10000').then(async (r) => {
    answered = true;
    return (await r.json()) as Positions;
  });
  // The request is held (nothing moved yet); an apply releases it.
  const before = (await (await app.get('/availability/status/positions')).json()) as Positions;
  t.is(guidanceOf(before), 3);
  t.false(answered);
  await app.publish(guidanceEvent(7, false, null, 2, 4));
  t.is(guidanceOf(await waiting), 4);
});

test('GET /availability/status/positions?since= answers what it has when nothing moves within waitMs', async (t) => {
  const app = await startAvailabilityApp();
  t.teardown(() => app.close());
  const body = (await (
    await app.get('/availability/status/positions?since=guidance:0,catalogue:0,licencing:0&waitMs=50')
  ).json()) as Positions;
  t.is(guidanceOf(body), 0);
});
