import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '#platform/config/config';
import type { EventBus } from '#platform/messaging/event-bus';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import type { Database } from '#platform/storage/database';
import { openPgliteSchemas, type PgliteSchemas } from '#platform/storage/pglite-database';

/**
 * The adapters a deployment chooses by configuration: RabbitMQ when `AMQP_URL` is set, the
 * in-process bus otherwise; PostgreSQL (one schema per service) when `DATABASE_URL` is set,
 * one PGlite under `DATA_DIR/pglite` otherwise, likewise one schema per service. The
 * adapters of the distributed mode (amqplib, pg: about 130 ms of module loading) are imported
 * only when chosen, so the embedded start does not load them.
 */
export const createBus = async (config: Config, logger: Logger, name: string): Promise<EventBus> =>
  config.AMQP_URL
    ? (await import('#platform/messaging/rabbitmq-bus')).createRabbitMqBus({
        url: config.AMQP_URL,
        exchange: config.AMQP_EXCHANGE,
        logger: logger.child({ component: 'bus' }),
        name,
      })
    : createInProcessBus({ logger: logger.child({ component: 'bus' }) });

/** Opens a service's store: `max` sizes its pool on PostgreSQL (PGlite has one connection). */
export type OpenDatabase = (service: string, max?: number) => Promise<Database>;

/** Where the embedded stores live: one PGlite instance, a schema per service. */
export const pgliteDirectory = (dataDir: string) => join(dataDir, 'pglite');

/**
 * Opens services' stores the way the configuration says: a pool per call on PostgreSQL, and in
 * the embedded mode schemas of one PGlite instance opened on first use and shared by every
 * service of the process. A data folder written by an earlier version (one PGlite per service,
 * `DATA_DIR/catalogue` ...) is refused with one line saying what to do, rather than started empty
 * beside it.
 */
export const createDatabaseOpener = (config: Config): OpenDatabase => {
  let pglite: Promise<PgliteSchemas> | undefined;
  return async (service, max) => {
    if (config.DATABASE_URL) {
      const { createPgDatabase } = await import('#platform/storage/pg-database');
      return createPgDatabase({ url: config.DATABASE_URL, schema: service, ...(max ? { max } : {}) });
    }
    if (existsSync(join(config.DATA_DIR, service, 'PG_VERSION'))) {
      throw new ConfigError([
        `DATA_DIR: ${config.DATA_DIR} holds stores of an earlier layout (one PGlite per service); \`npm run reset\` deletes them, and the next start loads the demo again`,
      ]);
    }
    pglite ??= openPgliteSchemas(pgliteDirectory(config.DATA_DIR));
    return (await pglite).schema(service);
  };
};

/** Describes the chosen adapters in one line for the start-up log. */
export const describeMode = (config: Config) => ({
  bus: config.AMQP_URL ? 'rabbitmq' : 'in-process',
  domainStores: config.DATABASE_URL ? 'postgresql' : `pglite (${pgliteDirectory(config.DATA_DIR)}, a schema per service)`,
  projection: config.MONGODB_URL ? 'mongodb' : 'in-memory',
});
