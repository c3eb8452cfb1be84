import pg from 'pg';
import { silentLogger } from '../lifecycle/logger.ts';
import { createRabbitMqBus } from '../messaging/rabbitmq-bus.ts';

/**
 * A consumer as its own process, for tests that kill it with SIGKILL. Each event's effect is
 * an idempotent insert keyed by event id, committed before the ack; every delivery is also
 * recorded, so the test can count duplicates. Configured by environment: AMQP_URL,
 * AMQP_EXCHANGE, CONSUMER, DATABASE_URL, SCHEMA, HANDLER_DELAY_MS. Prints `ready` once consuming.
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const schema = env('SCHEMA');
const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 4, options: `-c search_path=${schema}` });
const delayMs = Number(process.env.HANDLER_DELAY_MS ?? 0);
const bus = await createRabbitMqBus({ url: env('AMQP_URL'), exchange: env('AMQP_EXCHANGE'), logger: silentLogger(), prefetch: 50 });
await bus.waitForConnection(10_000);
await bus.subscribe({
  consumer: env('CONSUMER'),
  patterns: ['#'],
  handle: async (event) => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    await pool.query(/* sql */ `INSERT INTO deliveries (event_id) VALUES ($1)`, [event.id]);
    await pool.query(/* sql */ `INSERT INTO effects (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, [event.id]);
  },
});
process.stdout.write('ready\n');

const shutdown = async () => {
  await bus.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
