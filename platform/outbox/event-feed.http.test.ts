import test from 'ava';
import { CloudEvent } from 'cloudevents';
import { silentLogger } from '../lifecycle/logger.ts';
import { createInProcessBus } from '../messaging/in-process-bus.ts';
import { serveRouters } from '../testing/http.ts';
import { freshPglite } from '../testing/pglite.ts';
import { createSyntheticService } from '../testing/synthetic-outbox-service.ts';
import { createEventFeedRouter } from './event-feed.http.ts';

interface FeedItem {
  _links: { self: { href: string }; about: { href: string } };
  event: Record<string, unknown>;
}
interface FeedPage {
  head: number;
  _links: Record<string, { href: string } | undefined>;
  _embedded: { events: FeedItem[] };
}

const served = async (t: import('ava').ExecutionContext, updates: number) => {
  const db = await freshPglite();
  const service = await createSyntheticService('things', db, createInProcessBus({ logger: silentLogger() }), silentLogger());
  for (let i = 1; i <= updates; i += 1) await service.update(i % 3);
  const http = await serveRouters([createEventFeedRouter('/things', db)]);
  t.teardown(async () => {
    await http.close();
    await db.close();
  });
  const get = (path: string) => fetch(`${http.url}${path}`);
  return { get };
};

test('GET /<service>/events holds HAL around pure CloudEvents that the official SDK accepts in strict mode', async (t) => {
  const { get } = await served(t, 5);
  const page = (await (await get('/things/events?after=0&limit=10')).json()) as FeedPage;
  t.is(page._embedded.events.length, 5);
  for (const item of page._embedded.events) {
    t.false('_links' in item.event, 'no HAL inside the CloudEvent');
    const event = new CloudEvent(item.event as ConstructorParameters<typeof CloudEvent>[0], true);
    t.true(event.validate());
    t.is(item._links.self.href, `/things/events/${String(item.event.position)}`, "self is the event's own URL");
    t.is(item._links.about.href, String(item.event.subject), 'about is the resource it changed');
  }
});

test('GET /<service>/events/{position} is the event its feed item links to; 404 past the head, 400 for a non-position', async (t) => {
  const { get } = await served(t, 3);
  const page = (await (await get('/things/events?after=0&limit=10')).json()) as FeedPage;
  const item = page._embedded.events[1]!;
  const one = await get(item._links.self.href);
  t.is(one.status, 200);
  t.deepEqual(await one.json(), item);
  t.is((await get('/things/events/99')).status, 404);
  for (const bad of ['0', 'abc', '-1', '1e3']) t.is((await get(`/things/events/${bad}`)).status, 400, bad);
});

test('GET /<service>/events?limit= past the maximum says it is too large and names the maximum', async (t) => {
  const { get } = await served(t, 1);
  for (const limit of ['100000', '1001']) {
    const response = await get(`/things/events?limit=${limit}`);
    t.is(response.status, 400);
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    t.deepEqual(problem.errors, [{ path: 'limit', message: 'is too large: at most 1000 events a page' }], limit);
  }
  const zero = (await (await get('/things/events?limit=0')).json()) as { errors: { message: string }[] };
  t.is(zero.errors[0]?.message, 'must be at least 1');
});
