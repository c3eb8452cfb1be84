import { randomUUID } from 'node:crypto';
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
import { createLicencingRouter } from './http/router.ts';
import { licencingMigrations } from './store/migrations.ts';
import { createPgLicenceRepository } from './store/pg-licence-repository.ts';
import { makeAmendLicenceWindow } from './use-cases/amend-licence-window/amend-licence-window.ts';
import { makeGetLicence } from './use-cases/get-licence/get-licence.ts';
import { makeGrantLicence } from './use-cases/grant-licence/grant-licence.ts';
import { makeRevokeLicence } from './use-cases/revoke-licence/revoke-licence.ts';

export interface LicencingServiceDeps {
  readonly db: Database;
  /**
   * Where the outbox relay reads and marks events (default `db`). On PostgreSQL give it its own
   * small pool, so relay passes do not queue behind editors' commits for a connection.
   */
  readonly relayDb?: Database;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly auth: TokenSettings;
  /** The platforms licences may name (configuration's `PLATFORMS`: ios, android, samsung, web). */
  readonly platforms: readonly string[];
  readonly clock?: Clock;
}

const assertPlatforms = (platforms: readonly string[]): readonly [string, ...string[]] => {
  if (platforms.length === 0) throw new Error('The licencing service needs at least one platform.');
  return platforms as readonly [string, ...string[]];
};

/**
 * The licencing service: migrates its store, wires its use cases to the repository (whose
 * commits clear the read cache and wake the outbox relay), and returns its routers, its
 * commands (for the demo loader) and its lifecycle. The only thing the outside imports.
 */
export const createLicencingService = async ({ db, relayDb = db, bus, logger, auth, platforms, clock = { now: () => new Date() } }: LicencingServiceDeps) => {
  const configured = assertPlatforms([...platforms]);
  await migrate(db, licencingMigrations);
  const cache = createReadCache<unknown>();
  const relay = createOutboxRelay({ db: relayDb, bus, logger: logger.child({ component: 'licencing-relay' }) });
  const repository = createPgLicenceRepository(db, () => {
    cache.clear();
    relay.notify();
  });
  const commands = {
    grantLicence: makeGrantLicence({ repository, clock, platforms: configured, newLicenceId: randomUUID }),
    revokeLicence: makeRevokeLicence({ repository, clock }),
    amendLicenceWindow: makeAmendLicenceWindow({ repository, clock }),
  };
  const router = createLicencingRouter({ auth, cache, repository, platforms: configured, ...commands, getLicence: makeGetLicence({ repository }) });
  return {
    name: 'licencing' as const,
    routers: [router, createEventFeedRouter('/licencing', db)],
    commands,
    relay,
    /** Its read cache, whose hit and miss counts the composition root reports as metrics. */
    readCache: cache,
    readiness: {
      'licencing-database': async () => ({ ok: (await db.query('SELECT 1')).rows.length === 1 }),
      'licencing-outbox': async () => {
        const backlog = await outboxBacklog(db);
        return { ok: backlog < 10_000, backlog };
      },
    },
    start: () => relay.start(),
    stop: () => relay.stop(),
  };
};

export type LicencingService = Awaited<ReturnType<typeof createLicencingService>>;
