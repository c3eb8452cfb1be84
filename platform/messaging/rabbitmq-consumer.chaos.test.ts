import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import test, { type ExecutionContext } from 'ava';
import { silentLogger } from '../lifecycle/logger.ts';
import { eventually } from '../testing/eventually.ts';
import { freshPostgres, testPostgresUrl } from '../testing/postgres.ts';
import { cleanUpRabbitMq, rabbitUrl, requireRabbitMq, uniqueName } from '../testing/rabbitmq.ts';
import { newEvent } from './event-envelope.ts';
import { createRabbitMqBus } from './rabbitmq-bus.ts';

const EVENTS = 2000;

const startConsumer = async (t: ExecutionContext, env: Record<string, string>): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ['--import=tsx', new URL('../testing/effect-consumer-process.ts', import.meta.url).pathname], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.teardown(() => void child.kill('SIGKILL'));
  const [line] = (await Promise.race([once(child.stdout!, 'data'), once(child, 'exit').then(() => ['exited'])])) as [Buffer | string];
  if (!String(line).includes('ready')) throw new Error(`consumer process did not start: ${String(line)}`);
  return child;
};

test('a consumer process killed with SIGKILL in the middle of a batch loses nothing once restarted', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const db = await freshPostgres(t);
  if (!db) return;
  await db.query(/* sql */ `CREATE TABLE deliveries (event_id text NOT NULL)`);
  await db.query(/* sql */ `CREATE TABLE effects (event_id text PRIMARY KEY)`);
  const { rows } = await db.query<{ schema: string }>(/* sql */ `SELECT current_schema() AS schema`);
  const exchange = uniqueName('chaos.events');
  const consumer = uniqueName('killed-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  const env = {
    AMQP_URL: rabbitUrl(),
    AMQP_EXCHANGE: exchange,
    CONSUMER: consumer,
    DATABASE_URL: testPostgresUrl(),
    SCHEMA: rows[0]!.schema,
    HANDLER_DELAY_MS: '10',
  };

  const first = await startConsumer(t, env);
  const publisher = await createRabbitMqBus({ url: rabbitUrl(), exchange, logger: silentLogger() });
  t.teardown(() => publisher.close());
  await publisher.waitForConnection(5000);
  const events = Array.from({ length: EVENTS }, (_, i) => ({
    ...newEvent({ source: '/test', type: 'test.thing.changed', subject: `/test/things/${i + 1}`, version: 1, data: {} }),
    position: i + 1,
  }));
  const ids = events.map((e) => e.id);
  await Promise.all(events.map((event) => publisher.publish(event)));

  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;
  await eventually(async () => (await count(/* sql */ `SELECT count(*)::int AS n FROM effects`)) >= 300, {
    timeoutMs: 30_000,
    description: 'a first batch handled',
  });
  first.kill('SIGKILL');
  await once(first, 'exit');
  const atKill = await count(/* sql */ `SELECT count(*)::int AS n FROM effects`);
  t.true(atKill < EVENTS, 'killed before the end');

  const second = await startConsumer(t, env);
  await eventually(async () => (await count(/* sql */ `SELECT count(*)::int AS n FROM effects`)) === EVENTS, {
    timeoutMs: 60_000,
    description: 'every event took effect',
  });
  const deliveries = await count(/* sql */ `SELECT count(*)::int AS n FROM deliveries`);
  const missing = await db.query(/* sql */ `SELECT id FROM unnest($1::text[]) AS id WHERE id NOT IN (SELECT event_id FROM effects)`, [ids]);
  t.log({
    published: EVENTS,
    effectsAtKill: atKill,
    effects: EVENTS,
    deliveries,
    duplicated: deliveries - EVENTS,
    lost: missing.rows.length,
  });
  t.is(missing.rows.length, 0);

  second.kill('SIGTERM');
  const [code] = await once(second, 'exit');
  t.is(code, 0, 'SIGTERM shuts the consumer down cleanly');
});
