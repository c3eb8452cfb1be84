import anyTest, { type TestFn } from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import { eventually } from '#platform/testing/eventually';
import { bearer } from '#platform/testing/http';
import { DOWNTON_SYNOPSIS, demoCatalogue } from './demo/demo-catalogue.ts';
import { loadDemoData } from './demo/load-demo-data.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * The "done when", end to end in the embedded mode: the seed's examples are served, an
 * editor with a token and the current ETag changes guidance, sees the new ETag and the event,
 * and the change reaches availability and the gateway.
 */
const test = anyTest as TestFn<{ url: string; stop: () => Promise<void>; token: string }>;

test.before(async (t) => {
  const platform = await startTestPlatform({ GATEWAY_RATE_LIMIT: '0', GATEWAY_UPSTREAM_TIMEOUT_MS: '5000', GATEWAY_DEADLINE_MS: '10000' });
  const token = (await bearer('catalogue:write', 'guidance:write', 'licencing:write')).slice('Bearer '.length);
  const full = demoCatalogue(new Date());
  const downton = (id: number) => full.episodes.find((e) => e.episodeId === id)?.programmeId === 1001;
  await loadDemoData({ catalogue: platform.url, guidance: platform.url, licencing: platform.url, token }, silentLogger(), {
    programmes: full.programmes.filter((p) => p.programmeId === 1001),
    episodes: full.episodes.filter((e) => e.programmeId === 1001),
    guidance: full.guidance.filter((g) => downton(g.episodeId)),
    licences: full.licences.filter((l) => downton(l.episodeId)),
  });
  t.context = { ...platform, token };
});
test.after.always((t) => t.context.stop());

const json = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { response, body: (await response.json()) as Record<string, unknown> };
};

test('GET /catalogue/episodes/123456, /guidance/episodes/123456 and /licencing/licences?episode=123456 serve the seed examples', async (t) => {
  t.like((await json(`${t.context.url}/catalogue/episodes/123456`)).body, {
    synopsis: DOWNTON_SYNOPSIS,
    orderInSeries: 2,
    orderInProgramme: 23,
    channel: 'ITV',
  });
  t.like((await json(`${t.context.url}/guidance/episodes/123456`)).body, { restricted: true, message: 'Contains Strong Language' });
  const licences = (await json(`${t.context.url}/licencing/licences?episode=123456`)).body as {
    _embedded: { licences: Record<string, unknown>[] };
  };
  t.true(
    licences._embedded.licences.some(
      (l) => l.platform === 'samsung' && l.startDate === '2013-01-04T19:30:00Z' && l.endDate === '2013-01-11T19:30:00Z',
    ),
  );
});

test('an editor changes guidance with the current ETag; the event is in the feed and availability and the gateway follow', async (t) => {
  const { url, token } = t.context;
  const before = await fetch(`${url}/guidance/episodes/123456`);
  const etag = before.headers.get('etag')!;
  const started = performance.now();
  const put = await fetch(`${url}/guidance/episodes/123456`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'if-match': etag, 'content-type': 'application/json' },
    body: JSON.stringify({ restricted: false, message: null }),
  });
  t.is(put.status, 200);
  t.not(put.headers.get('etag'), etag);
  const feed = (await json(`${url}/guidance/events?after=0&limit=1000`)).body as {
    _embedded: { events: { event: { subject: string; version: number; data: unknown } }[] };
  };
  t.like(
    feed._embedded.events
      .map((item) => item.event)
      .filter((e) => e.subject === '/guidance/episodes/123456')
      .at(-1),
    { version: 2, data: { episodeId: 123456, restricted: false, message: null } },
  );

  await eventually(
    async () => ((await json(`${url}/availability/episodes/123456?platform=ios`)).body as { restricted?: boolean }).restricted === false,
    {
      timeoutMs: 10_000,
      description: 'availability to show the new guidance',
    },
  );
  t.log(`guidance change visible in availability after ${Math.round(performance.now() - started)} ms`);
  const composed = await eventually(
    async () => {
      const { body } = await json(`${url}/vod/ios/episodes/123456`, {
        headers: { accept: 'application/vnd.itv.ctv.production.v1+hal+json' },
      });
      return body.restricted === false && body;
    },
    { timeoutMs: 20_000, description: 'the gateway to compose the new guidance' },
  );
  t.like(composed, { episodeId: 123456, restricted: false });
});

test('an editor grants a licence; availability answers it as available, and measures how long that took', async (t) => {
  const { url, token } = t.context;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const episode = {
    programmeId: 1001,
    title: 'Christmas Special',
    synopsis: 'The Crawleys at Christmas.',
    seriesNumber: 3,
    orderInSeries: 9,
    orderInProgramme: 30,
    durationSeconds: 5400,
  };
  t.is(
    (
      await fetch(`${url}/catalogue/episodes/987654`, {
        method: 'PUT',
        headers: { ...headers, 'if-none-match': '*' },
        body: JSON.stringify(episode),
      })
    ).status,
    201,
  );
  await eventually(
    async () => ((await json(`${url}/availability/episodes/987654?platform=web`)).body as { available?: boolean }).available === false,
    {
      timeoutMs: 10_000,
      description: 'availability to know the unlicensed episode',
    },
  );
  const started = performance.now();
  const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const window = { startDate: seconds(Date.now() - 60_000), endDate: seconds(Date.now() + 86_400_000) };
  t.is(
    (
      await fetch(`${url}/licencing/licences`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ episodeId: 987654, platform: 'web', ...window }),
      })
    ).status,
    201,
  );
  const answer = await eventually(
    async () => {
      const { body } = await json(`${url}/availability/episodes/987654?platform=web`);
      return body.available === true && body;
    },
    { timeoutMs: 10_000, description: 'availability to show the new licence' },
  );
  t.log(`licence grant visible in availability after ${Math.round(performance.now() - started)} ms`);
  t.like(answer, { episodeId: 987654, title: 'Downton Abbey', episodeTitle: 'Christmas Special', available: true });
});
