import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../platform/config/config.ts';
import type { EventBus } from '../platform/messaging/event-bus.ts';
import { createInProcessBus } from '../platform/messaging/in-process-bus.ts';
import { createRabbitMqBus } from '../platform/messaging/rabbitmq-bus.ts';
import type { Database } from '../platform/storage/database.ts';
import { createPgDatabase } from '../platform/storage/pg-database.ts';
import { createPgliteDatabase } from '../platform/storage/pglite-database.ts';

/**
 * The adapters a deployment chooses by configuration: RabbitMQ when `AMQP_URL` is set, the
 * in-process bus otherwise; PostgreSQL (one schema per service) when `DATABASE_URL` is set,
 * PGlite under `DATA_DIR/<service>` otherwise.
 */
export const createBus = async (config: Config, logger: Logger, name: string): Promise<EventBus> =>
  config.AMQP_URL
    ? createRabbitMqBus({ url: config.AMQP_URL, exchange: config.AMQP_EXCHANGE, logger: logger.child({ component: 'bus' }), name })
    : createInProcessBus({ logger: logger.child({ component: 'bus' }) });

export const openDatabase = (config: Config, service: string, max?: number): Promise<Database> =>
  config.DATABASE_URL
    ? createPgDatabase({ url: config.DATABASE_URL, schema: service, ...(max ? { max } : {}) })
    : createPgliteDatabase(join(config.DATA_DIR, service));

/** Describes the chosen adapters in one line for the start-up log. */
export const describeMode = (config: Config) => ({
  bus: config.AMQP_URL ? 'rabbitmq' : 'in-process',
  domainStores: config.DATABASE_URL ? 'postgresql' : `pglite (${config.DATA_DIR})`,
  projection: config.MONGODB_URL ? 'mongodb' : 'in-memory',
});
