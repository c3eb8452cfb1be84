import test from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import { eventually } from '#platform/testing/eventually';
import type { ReadFeedPage } from './feeds/feed-client.ts';
import { createAvailabilityService } from './service.ts';
import { createInMemoryAvailabilityStore } from './store/in-memory-availability-store.ts';
import { episodeEvent, licenceEvent, licenceId } from './testing/event-builders.ts';
import { fakeFeeds, testAuth } from './testing/availability-app.ts';

const now = new Date('2026-03-01T00:00:00Z');
const log = [
  episodeEvent({ episodeId: 1, programmeTitle: 'Downton Abbey' }, 1, 1),
  licenceEvent({ licenceId: licenceId(1), episodeId: 1, startDate: '2026-01-01T00:00:00Z', endDate: '2026-12-01T00:00:00Z' }, 1, 1),
];

/** Feeds that answer only once `open()` is called, as the embedded process's own feeds before it listens. */
const gatedFeeds = (read: ReadFeedPage) => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const readPage: ReadFeedPage = async (...args) => {
    await opened;
    return read(...args);
  };
  return { readPage, open };
};

const serviceOver = (feeds: ReadFeedPage, store = createInMemoryAvailabilityStore()) =>
  createAvailabilityService({
    store,
    bus: createInProcessBus({ logger: silentLogger() }),
    logger: silentLogger(),
    auth: testAuth,
    platforms: ['ios'],
    feeds,
    clock: () => now,
    catchUpEveryMs: 0,
  });

test('availability is not ready while its projection has not caught up with the feeds, and ready with it once it has', async (t) => {
  const feeds = gatedFeeds(fakeFeeds(log));
  const service = serviceOver(feeds.readPage);
  await service.start();
  t.like(await service.readiness(), { ok: false });
  feeds.open();
  await eventually(async () => (await service.readiness()).ok, { timeoutMs: 60_000, description: 'availability ready' });
  const { counts } = await service.status();
  t.like(counts, { episodes: 1 });
  await service.stop();
});

test('availability stays not ready while a feed fails', async (t) => {
  const service = serviceOver(async () => {
    throw new Error('connection refused');
  });
  await service.start();
  await service.stop();
  t.like(await service.readiness(), { ok: false });
});

test('a shared store already holding a projection is ready before this process caught up; an empty one is not', async (t) => {
  const feeds = gatedFeeds(fakeFeeds(log));
  const empty = serviceOver(feeds.readPage);
  await empty.start();
  t.like(await empty.readiness({ sharedStore: true }), { ok: false });

  const store = createInMemoryAvailabilityStore();
  await serviceOver(fakeFeeds(log), store).catchUp();
  const shared = serviceOver(feeds.readPage, store);
  await shared.start();
  t.like(await shared.readiness({ sharedStore: true }), { ok: true, sharedStore: true });
  feeds.open();
  await empty.stop();
  await shared.stop();
});
