import type { Logger } from 'pino';
import type { TokenSettings } from '../../platform/auth/tokens.ts';
import { createReadCache } from '../../platform/http/read-cache.ts';
import type { EventBus } from '../../platform/messaging/event-bus.ts';
import { createEventFeedRouter } from '../../platform/outbox/event-feed.http.ts';
import { outboxBacklog } from '../../platform/outbox/outbox.ts';
import { createOutboxRelay } from '../../platform/outbox/outbox-relay.ts';
import type { Database } from '../../platform/storage/database.ts';
import { migrate } from '../../platform/storage/migrate.ts';
import type { Clock } from './domain/ports.ts';
import { createGuidanceRouter } from './http/router.ts';
import { guidanceMigrations } from './store/migrations.ts';
import { createPgGuidanceRepository } from './store/pg-guidance-repository.ts';
import { makeGetEpisodeGuidance } from './use-cases/get-episode-guidance/get-episode-guidance.ts';
import { makeSetEpisodeGuidance } from './use-cases/set-episode-guidance/set-episode-guidance.ts';

export interface GuidanceServiceDeps {
  readonly db: Database;
  /**
   * Where the outbox relay reads and marks events (default `db`). On PostgreSQL give it its own
   * small pool, so relay passes do not queue behind editors' commits for a connection.
   */
  readonly relayDb?: Database;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly auth: TokenSettings;
  readonly clock?: Clock;
}

/**
 * The guidance service: migrates its store, wires its use cases to the repository (whose
 * commits clear the read cache and wake the outbox relay), and returns its routers, its
 * commands (for the demo loader) and its lifecycle. The only thing the outside imports.
 */
export const createGuidanceService = async ({ db, relayDb = db, bus, logger, auth, clock = { now: () => new Date() } }: GuidanceServiceDeps) => {
  await migrate(db, guidanceMigrations);
  const cache = createReadCache<unknown>();
  const relay = createOutboxRelay({ db: relayDb, bus, logger: logger.child({ component: 'guidance-relay' }) });
  const repository = createPgGuidanceRepository(db, () => {
    cache.clear();
    relay.notify();
  });
  const commands = { setEpisodeGuidance: makeSetEpisodeGuidance({ repository, clock }) };
  const router = createGuidanceRouter({ auth, cache, repository, ...commands, getEpisodeGuidance: makeGetEpisodeGuidance({ repository }) });
  return {
    name: 'guidance' as const,
    routers: [router, createEventFeedRouter('/guidance', db)],
    commands,
    relay,
    /** Its read cache, whose hit and miss counts the composition root reports as metrics. */
    readCache: cache,
    readiness: {
      'guidance-database': async () => ({ ok: (await db.query('SELECT 1')).rows.length === 1 }),
      'guidance-outbox': async () => {
        const backlog = await outboxBacklog(db);
        return { ok: backlog < 10_000, backlog };
      },
    },
    start: () => relay.start(),
    stop: () => relay.stop(),
  };
};

export type GuidanceService = Awaited<ReturnType<typeof createGuidanceService>>;
