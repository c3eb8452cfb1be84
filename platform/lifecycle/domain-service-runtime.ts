import type { Logger } from 'pino';
import { createReadCache } from '../http/read-cache.ts';
import type { EventBus } from '../messaging/event-bus.ts';
import { createEventFeedRouter } from '../outbox/event-feed.http.ts';
import { outboxBacklog } from '../outbox/outbox.ts';
import { createOutboxRelay } from '../outbox/outbox-relay.ts';
import type { Database } from '../storage/database.ts';
import { migrate, type Migration } from '../storage/migrate.ts';

/** What every domain service's factory takes besides its own use cases' needs. */
export interface DomainServiceInfrastructure {
  readonly db: Database;
  /**
   * Where the outbox relay reads and marks events (default `db`). On PostgreSQL give it its own
   * small pool, so relay passes do not queue behind editors' commits for a connection.
   */
  readonly relayDb?: Database;
  readonly bus: EventBus;
  readonly logger: Logger;
}

/**
 * The plumbing every domain service shares, so each factory only wires its own use cases:
 * migrations applied, a read cache, the outbox relay, `onCommitted` for the repository (each
 * commit clears the cache, so a read after a write never sees the old state, and wakes the
 * relay), the `/<name>/events` feed, readiness checks and the relay's lifecycle.
 */
export const createDomainServiceRuntime = async (
  name: string,
  migrations: readonly Migration[],
  { db, relayDb = db, bus, logger }: DomainServiceInfrastructure,
) => {
  await migrate(db, migrations);
  const readCache = createReadCache<unknown>();
  const relay = createOutboxRelay({ db: relayDb, bus, logger: logger.child({ component: `${name}-relay` }) });
  return {
    readCache,
    relay,
    onCommitted: () => {
      readCache.clear();
      relay.notify();
    },
    feedRouter: createEventFeedRouter(`/${name}`, db),
    readiness: {
      [`${name}-database`]: async () => ({ ok: (await db.query('SELECT 1')).rows.length === 1 }),
      [`${name}-outbox`]: async () => {
        const backlog = await outboxBacklog(db);
        return { ok: backlog < 10_000, backlog };
      },
    },
    start: () => relay.start(),
    stop: () => relay.stop(),
  };
};
