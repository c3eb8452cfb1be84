import test, { type ExecutionContext } from 'ava';
import { episodeEvent, guidanceEvent, licenceEvent, licenceId } from '../../testing/event-builders.ts';
import { startAvailabilityApp } from '../../testing/availability-app.ts';
import { eventually } from '#platform/testing/eventually';

const given = async (t: ExecutionContext) => {
  const app = await startAvailabilityApp({ now: new Date('2026-03-02T00:00:00Z') });
  t.teardown(() => app.close());
  for (let id = 1; id <= 30; id += 1) {
    await app.publish(
      episodeEvent({ episodeId: id, programmeTitle: `Title ${String.fromCharCode(65 + (id % 26))}${id}`, channel: id % 2 ? 'ITV' : 'C4' }),
      guidanceEvent(id, id % 3 === 0, id % 3 === 0 ? 'Violence' : null),
      licenceEvent({
        licenceId: licenceId(id),
        episodeId: id,
        platform: id % 4 ? 'ios' : 'web',
        startDate: `2026-03-0${1 + (id % 5)}T00:00:00Z`,
        endDate: '2026-03-09T00:00:00Z',
      }),
    );
  }
  await app.publish(
    episodeEvent({ episodeId: 3, status: 'withdrawn' }, 2),
    licenceEvent(
      { licenceId: licenceId(5), episodeId: 5, startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-02T00:00:00Z', status: 'revoked' },
      2,
    ),
  );
  return app;
};

const lastPosition = (app: { log: readonly { source: string; position: number }[] }, source: string) =>
  Math.max(...app.log.filter((e) => e.source === source).map((e) => e.position));

const post = (base: string, token?: string) =>
  fetch(`${base}/availability/rebuild`, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });

const answers = async (app: Awaited<ReturnType<typeof given>>) =>
  Promise.all(
    ['ios', 'web'].flatMap((platform) =>
      ['', '&channel=ITV', '&q=title'].map(async (extra) =>
        (await app.get(`/availability/episodes?platform=${platform}${extra}&size=100`)).json(),
      ),
    ),
  );

test('POST /availability/rebuild rebuilds from the feeds into a projection that answers like the live one', async (t) => {
  const app = await given(t);
  const live = await answers(app);
  const response = await post(app.base, await app.token('availability:operate'));
  t.is(response.status, 200);
  const body = await response.json();
  t.like(body, { episodes: 30, events: 92 });
  t.deepEqual(await answers(app), live);
  const status = await (await app.get('/availability/status')).json();
  t.like(status.sources[0], { source: 'catalogue', checkpoint: lastPosition(app, '/catalogue'), lagEvents: 0 });
});

test('POST /availability/rebuild returns 401 without a token and 403 without the operator role', async (t) => {
  const app = await given(t);
  t.is((await post(app.base)).status, 401);
  t.is((await post(app.base, await app.token('guidance:write'))).status, 403);
});

test('POST /availability/rebuild returns 502 and leaves the live projection untouched when a feed holds an invalid event', async (t) => {
  const app = await given(t);
  const before = await answers(app);
  app.log.push({ ...app.log[0]!, position: 10_000, data: { nonsense: true } });
  const response = await post(app.base, await app.token('availability:operate'));
  t.is(response.status, 502);
  t.is(response.headers.get('content-type'), 'application/problem+json');
  t.regex(
    ((await response.json()) as { detail: string }).detail,
    /feed holds an event that is not valid \(position 10000, type catalogue\.episode\.published: episodeId /,
  );
  t.deepEqual(await answers(app), before);
});

test('GET /availability/status reports positions, lag and counts per source', async (t) => {
  const app = await given(t);
  const body = await (await app.get('/availability/status')).json();
  t.is(body.sources.length, 3);
  t.like(body.counts, { episodes: 30 });
  t.like(body.sources[2], { source: 'licencing', position: lastPosition(app, '/licencing'), lagEvents: 0, lagSeconds: 0 });
});

test('POST /availability/rebuild returns 409 while one runs, and GET /availability/status still says it runs', async (t) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  const app = await startAvailabilityApp({
    now: new Date('2026-03-02T00:00:00Z'),
    wrapFeeds: (feeds) => async (source, after, limit) => {
      if (holding && limit > 1) await held; // the rebuild's reads, not the status probe's
      return feeds(source, after, limit);
    },
  });
  t.teardown(() => app.close());
  await app.publish(episodeEvent({ episodeId: 1, programmeTitle: 'Vera' }));
  const token = await app.token('availability:operate');
  holding = true;
  const first = post(app.base, token);
  await eventually(async () => (await (await app.get('/availability/status')).json()).rebuild.running === true, {
    description: 'the first rebuild running',
  });
  const second = await post(app.base, token);
  t.is(second.status, 409);
  t.like(await second.json(), { code: 'rebuild-in-progress' });
  t.like((await (await app.get('/availability/status')).json()).rebuild, { running: true });
  holding = false;
  release();
  t.is((await first).status, 200);
  t.like((await (await app.get('/availability/status')).json()).rebuild, { running: false, last: { episodes: 1 } });
});
