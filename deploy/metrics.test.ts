import anyTest, { type TestFn } from 'ava';
import { eventually } from '#platform/testing/eventually';
import { bearer } from '#platform/testing/http';
import { startTestPlatform } from './testing/start-test-platform.ts';

/** GET /metrics on the embedded platform, after real traffic: every family the runbook names. */
const test = anyTest as TestFn<{ url: string; stop: () => Promise<void> }>;

test.before(async (t) => {
  t.context = await startTestPlatform();
});
test.after.always(async (t) => t.context.stop());

const scrape = async (url: string) => {
  const response = await fetch(`${url}/metrics`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
};

/** The value of one sample line, e.g. `vod_outbox_backlog{service="catalogue"}`. */
const sample = (text: string, head: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${head} `));
  return line === undefined ? undefined : Number(line.slice(head.length + 1));
};

test('GET /metrics reports requests by route template, events, backlog, lag, caches and circuits', async (t) => {
  const { url } = t.context;
  const put = await fetch(`${url}/guidance/episodes/424242`, {
    method: 'PUT',
    headers: { authorization: await bearer('guidance:write'), 'content-type': 'application/json', 'if-none-match': '*' },
    body: JSON.stringify({ restricted: true, message: 'Flashing images' }),
  });
  t.is(put.status, 201);
  for (const id of [424242, 424242, 1, 2]) await (await fetch(`${url}/guidance/episodes/${id}`)).arrayBuffer();
  await (await fetch(`${url}/vod/ios/episodes`, { headers: { accept: 'application/vnd.itv.ctv.production.v1+hal+json' } })).arrayBuffer();

  const { status, type, text } = await eventually(
    async () => {
      const scraped = await scrape(url);
      return scraped.text.includes('vod_events_consumed_total{consumer="availability",type="guidance.episode.guidance-set"} 1') && scraped;
    },
    { description: 'the event consumed' },
  );
  t.is(status, 200);
  t.regex(type, /^text\/plain; version=0\.0\.4/);
  t.is(sample(text, 'vod_http_request_duration_seconds_count{method="GET",route="/guidance/episodes/:id",status="200"}'), 2);
  t.false(/route="\/guidance\/episodes\/\d+"/.test(text), 'raw paths never become labels');
  t.is(sample(text, 'vod_events_published_total{type="guidance.episode.guidance-set"}'), 1);
  t.is(sample(text, 'vod_outbox_backlog{service="guidance"}'), 0);
  t.is(sample(text, 'vod_events_dead_lettered{consumer="in-process"}'), 0);
  t.true((sample(text, 'vod_cache_requests_total{cache="guidance-read",result="hit"}') ?? 0) >= 1, 'the second read of 424242 was a hit');
  t.true((sample(text, 'vod_cache_requests_total{cache="guidance-read",result="miss"}') ?? 0) >= 1);
  t.true((sample(text, 'vod_cache_requests_total{cache="gateway-availability",result="miss"}') ?? 0) >= 1);
  t.is(sample(text, 'vod_circuit_breaker_state{upstream="availability",state="closed"}'), 1);
  t.not(sample(text, 'vod_projection_lag_events{source="guidance"}'), undefined);
  t.regex(text, /^vod_process_cpu_seconds_total /m, 'process metrics too');
});

test('unmatched paths share one route label', async (t) => {
  for (const path of ['/nope/1', '/nope/2']) await (await fetch(`${t.context.url}${path}`)).arrayBuffer();
  const { text } = await scrape(t.context.url);
  t.true((sample(text, 'vod_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}') ?? 0) >= 2);
  t.false(text.includes('/nope/'));
});
