import test, { type ExecutionContext } from 'ava';
import { episodeEvent, guidanceEvent, licenceEvent, licenceId } from '../../testing/event-builders.ts';
import { startAvailabilityApp } from '../../testing/availability-app.ts';
import { SURROGATE_CAPABILITY } from '#platform/http/surrogate-keys';

/** What the edge sends to be told an answer's surrogate keys. */
const EDGE = { 'surrogate-capability': SURROGATE_CAPABILITY };

const given = async (t: ExecutionContext) => {
  const app = await startAvailabilityApp({ now: new Date('2026-03-02T00:00:00Z') });
  t.teardown(() => app.close());
  await app.publish(
    episodeEvent({ episodeId: 7, programmeTitle: 'Vera', title: 'Hidden Depths' }),
    guidanceEvent(7, true, 'Contains Strong Language'),
    licenceEvent({
      licenceId: licenceId(7),
      episodeId: 7,
      platform: 'ios',
      startDate: '2026-03-01T00:00:00Z',
      endDate: '2026-03-03T00:00:00Z',
    }),
  );
  return app;
};

test('GET /availability/episodes/:id says which window makes it available, and its guidance', async (t) => {
  const app = await given(t);
  const response = await app.get('/availability/episodes/7?platform=ios', EDGE);
  t.is(response.status, 200);
  const body = await response.json();
  t.like(body, {
    episodeId: 7,
    title: 'Vera',
    episodeTitle: 'Hidden Depths',
    available: true,
    reason: 'within-licence-window',
    guidance: { restricted: true, message: 'Contains Strong Language' },
  });
  t.deepEqual(body.window, { startDate: '2026-03-01T00:00:00.000Z', endDate: '2026-03-03T00:00:00.000Z', licenceIds: [licenceId(7)] });
  t.deepEqual(body._links.licence, { href: `/licencing/licences/${licenceId(7)}` });
  t.regex(response.headers.get('cache-control') ?? '', /^public, max-age=30, s-maxage=\d+, /);
  t.deepEqual(
    response.headers.get('xkey')?.split(' ').sort(),
    ['/availability', '/availability/episodes/7', `/catalogue/programmes/${body.programmeId}`].sort(),
  );
});

test('GET /availability/episodes/:id says there is no window on a platform without one', async (t) => {
  const app = await given(t);
  const body = await (await app.get('/availability/episodes/7?platform=web')).json();
  t.like(body, { available: false, reason: 'no-licence-window', window: null });
});

test('GET /availability/episodes/:id returns 404 for an unknown or withdrawn episode', async (t) => {
  const app = await given(t);
  t.is((await app.get('/availability/episodes/8?platform=ios')).status, 404);
  await app.publish(episodeEvent({ episodeId: 7, status: 'withdrawn' }, 2));
  t.is((await app.get('/availability/episodes/7?platform=ios')).status, 404);
});

test('GET /availability/episodes/:id returns 400 for a malformed id or platform', async (t) => {
  const app = await given(t);
  t.is((await app.get('/availability/episodes/abc?platform=ios')).status, 400);
  t.is((await app.get('/availability/episodes/7?platform[$ne]=x')).status, 400);
  t.is((await app.get('/availability/episodes/7')).status, 400);
});

test('GET /availability/episodes/:id shows an editor change made on the bus', async (t) => {
  const app = await given(t);
  await app.publish(
    guidanceEvent(7, false, null, 2),
    licenceEvent(
      {
        licenceId: licenceId(7),
        episodeId: 7,
        platform: 'ios',
        startDate: '2026-03-01T00:00:00Z',
        endDate: '2026-03-03T00:00:00Z',
        status: 'revoked',
      },
      2,
    ),
  );
  const body = await (await app.get('/availability/episodes/7?platform=ios')).json();
  t.like(body, { available: false, reason: 'no-licence-window', guidance: { restricted: false, message: null } });
});

test('GET /availability returns the root document with templated links', async (t) => {
  const app = await given(t);
  const body = await (await app.get('/availability')).json();
  t.deepEqual(body._links.episodes, {
    href: '/availability/episodes{?platform,channel,q,grouping,available,at,page,size}',
    templated: true,
    title: 'Productions a platform can show now or later, A to Z',
  });
  t.true(body._links.episode.templated);
  t.is(body._links.status.href, '/availability/status');
});

test('GET /availability/episodes/:id returns 400 invalid-instant for an at that is malformed, finer than a second or before 1900', async (t) => {
  const app = await given(t);
  for (const at of ['yesterday', '2026-03-02T00:00:00.5Z', '2026-03-02T00:00:00', '0026-03-02T00:00:00Z', '3000-01-01T00:00:00Z']) {
    const response = await app.get(`/availability/episodes/7?platform=ios&at=${encodeURIComponent(at)}`);
    t.is(response.status, 400, at);
    t.is(response.headers.get('content-type'), 'application/problem+json');
    t.like(await response.json(), { status: 400, code: 'invalid-instant' }, at);
  }
  t.like(await (await app.get('/availability/episodes/7?platform=ios&at=2026-03-02T01:00:00%2B01:00')).json(), {
    available: true,
    at: '2026-03-02T00:00:00.000Z',
  });
});
