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
import { createCatalogueRouter } from './http/router.ts';
import { catalogueMigrations } from './store/migrations.ts';
import { createPgCatalogueRepository } from './store/pg-catalogue-repository.ts';
import { makeGetEpisode } from './use-cases/get-episode/get-episode.ts';
import { makeGetProgramme } from './use-cases/get-programme/get-programme.ts';
import { makeListProgrammeEpisodes } from './use-cases/list-programme-episodes/list-programme-episodes.ts';
import { makePublishEpisode } from './use-cases/publish-episode/publish-episode.ts';
import { makePublishProgramme } from './use-cases/publish-programme/publish-programme.ts';
import { makeWithdrawEpisode } from './use-cases/withdraw-episode/withdraw-episode.ts';

export type { PublishEpisodeCommand } from './use-cases/publish-episode/publish-episode.ts';
export type { PublishProgrammeCommand } from './use-cases/publish-programme/publish-programme.ts';
export type { WithdrawEpisodeCommand } from './use-cases/withdraw-episode/withdraw-episode.ts';

export interface CatalogueServiceDeps {
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
 * The catalogue service: migrates its store, wires its use cases to the repository (whose
 * commits clear the read cache and wake the outbox relay), and returns its routers, its
 * commands (for the demo loader) and its lifecycle. The only thing the outside imports.
 */
export const createCatalogueService = async ({ db, relayDb = db, bus, logger, auth, clock = { now: () => new Date() } }: CatalogueServiceDeps) => {
  await migrate(db, catalogueMigrations);
  const cache = createReadCache<unknown>();
  const relay = createOutboxRelay({ db: relayDb, bus, logger: logger.child({ component: 'catalogue-relay' }) });
  const repository = createPgCatalogueRepository(db, () => {
    cache.clear();
    relay.notify();
  });
  const commands = {
    publishProgramme: makePublishProgramme({ repository, clock }),
    publishEpisode: makePublishEpisode({ repository, clock }),
    withdrawEpisode: makeWithdrawEpisode({ repository, clock }),
  };
  const reads = { getProgramme: makeGetProgramme({ repository }), getEpisode: makeGetEpisode({ repository }), listProgrammeEpisodes: makeListProgrammeEpisodes({ repository }) };
  const router = createCatalogueRouter({ auth, cache, repository, ...commands, ...reads });
  return {
    name: 'catalogue' as const,
    routers: [router, createEventFeedRouter('/catalogue', db)],
    commands,
    relay,
    /** Its read cache, whose hit and miss counts the composition root reports as metrics. */
    readCache: cache,
    readiness: {
      'catalogue-database': async () => ({ ok: (await db.query('SELECT 1')).rows.length === 1 }),
      'catalogue-outbox': async () => {
        const backlog = await outboxBacklog(db);
        return { ok: backlog < 10_000, backlog };
      },
    },
    start: () => relay.start(),
    stop: () => relay.stop(),
  };
};

export type CatalogueService = Awaited<ReturnType<typeof createCatalogueService>>;
