import test from 'ava';
import { AvailabilityError } from '../domain/availability-error.ts';
import { createFeedClient, type FetchLike } from './feed-client.ts';

const bases = { catalogue: 'http://catalogue.test/', guidance: 'http://guidance.test', licencing: 'http://licencing.test' };
const events = [{ position: 1 }, { position: 2 }];
const page = {
  head: 2,
  _embedded: { events: events.map((event) => ({ _links: { self: { href: `/catalogue/events/${event.position}` } }, event })) },
  _links: {},
};

/** A fetch that answers from a script, one step per call, and records the URLs asked. */
const scripted = (...steps: (number | Error)[]) => {
  const urls: string[] = [];
  const fetchLike: FetchLike = async (url) => {
    urls.push(url);
    const step = steps[Math.min(urls.length, steps.length) - 1]!;
    if (step instanceof Error) throw step;
    return { ok: step < 300, status: step, body: null, json: async () => page };
  };
  return { urls, fetchLike };
};

test('a page read asks the documented URL and returns the events, the head and whether more follow', async (t) => {
  const { urls, fetchLike } = scripted(200);
  const read = createFeedClient(bases, fetchLike, { retryDelaysMs: [] });
  t.deepEqual(await read('catalogue', 7, 50), { events, hasNext: false, head: 2 }, 'the CloudEvents, unwrapped from their HAL items');
  t.deepEqual(urls, ['http://catalogue.test/catalogue/events?after=7&limit=50']);
});

test('a read that fails in transit or with a 5xx or 429 is retried, and succeeds when the feed comes back', async (t) => {
  const { urls, fetchLike } = scripted(new TypeError('fetch failed'), 503, 429, 200);
  const read = createFeedClient(bases, fetchLike, { retryDelaysMs: [1, 1, 1] });
  t.is((await read('guidance', 0, 10)).events.length, 2);
  t.is(urls.length, 4);
});

test('a feed that stays down is reported once the retries are spent', async (t) => {
  const { urls, fetchLike } = scripted(new TypeError('fetch failed'));
  const read = createFeedClient(bases, fetchLike, { retryDelaysMs: [1, 1] });
  const error = await t.throwsAsync(read('licencing', 0, 10), { instanceOf: AvailabilityError });
  t.is(error.code, 'feed-unavailable');
  t.regex(error.message, /licencing feed did not answer: fetch failed/);
  t.is(urls.length, 3);
});

test('a 5xx that outlasts the retries, and a 4xx at once, are reported with their status', async (t) => {
  const down = scripted(500);
  await t.throwsAsync(createFeedClient(bases, down.fetchLike, { retryDelaysMs: [1] })('catalogue', 0, 10), { message: /answered 500/ });
  t.is(down.urls.length, 2);
  const missing = scripted(404, 200);
  await t.throwsAsync(createFeedClient(bases, missing.fetchLike, { retryDelaysMs: [1, 1] })('catalogue', 0, 10), {
    message: /answered 404/,
  });
  t.is(missing.urls.length, 1);
});
