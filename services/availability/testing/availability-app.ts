import type { AddressInfo } from 'node:net';
import { issueToken, type TokenSettings } from '#platform/auth/tokens';
import { createHttpApp } from '#platform/http/app';
import { mountRouter } from '#platform/http/mount';
import { silentLogger } from '#platform/lifecycle/logger';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import { sourceOfType } from '../domain/sources.ts';
import type { ReadFeedPage } from '../feeds/feed-client.ts';
import { createAvailabilityService } from '../service.ts';
import { createInMemoryAvailabilityStore } from '../store/in-memory-availability-store.ts';

export const testAuth: TokenSettings = { secret: 'test-secret-test-secret-test-secret-0123', issuer: 'test', audience: 'test' };

/** A fake of the domain services' feeds over an in-memory log, for unit tests. */
export const fakeFeeds =
  (log: readonly EventEnvelope[]): ReadFeedPage =>
  async (source, after, limit) => {
    const mine = log.filter((e) => sourceOfType(e.type) === source).sort((a, b) => a.position - b.position);
    const events = mine.filter((e) => e.position > after).slice(0, limit);
    return { events, hasNext: false, head: mine.at(-1)?.position ?? 0 };
  };

/**
 * The availability service behind a real koa app on an ephemeral port, with the in-process bus,
 * the in-memory store, a movable clock and a fake feed (which `wrapFeeds` may slow or hold): for
 * HTTP tests through the real routes.
 */
export const startAvailabilityApp = async (
  options: { now?: Date; log?: EventEnvelope[]; wrapFeeds?: (feeds: ReadFeedPage) => ReadFeedPage } = {},
) => {
  const clock = { now: options.now ?? new Date('2026-03-01T00:00:00Z') };
  const log = options.log ?? [];
  const bus = createInProcessBus({ logger: silentLogger() });
  const store = createInMemoryAvailabilityStore();
  const service = createAvailabilityService({
    store,
    bus,
    logger: silentLogger(),
    auth: testAuth,
    platforms: ['ios', 'web', 'samsung'],
    feeds: (options.wrapFeeds ?? ((feeds) => feeds))(fakeFeeds(log)),
    clock: () => clock.now,
    catchUpEveryMs: 0,
  });
  const app = createHttpApp({ logger: silentLogger() });
  app.use(service.cachedPages);
  mountRouter(app, service.router);
  await service.start();
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    clock,
    bus,
    store,
    service,
    base,
    log,
    /** Publishes events on the bus (and appends them to the feed's log), then waits for them to be applied. */
    async publish(...events: EventEnvelope[]) {
      log.push(...events);
      for (const event of events) await bus.publish(event);
      await bus.idle();
    },
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers }),
    token: (...roles: string[]) => issueToken(testAuth, roles),
    async close() {
      await service.stop();
      await bus.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
