import test from 'ava';
import { connect } from 'amqplib';
import { silentLogger } from '../lifecycle/logger.ts';
import { newEvent } from '../messaging/event-envelope.ts';
import { createRabbitMqBus } from '../messaging/rabbitmq-bus.ts';
import { migrate } from '../storage/migrate.ts';
import { eventually } from '../testing/eventually.ts';
import { freshPostgres } from '../testing/postgres.ts';
import { cleanUpRabbitMq, rabbitUrl, requireRabbitMq, uniqueName } from '../testing/rabbitmq.ts';
import { appendEvents, outboxMigration } from './outbox.ts';
import { createOutboxRelay } from './outbox-relay.ts';

const thingChanged = (n: number, type = 'test.thing.changed') =>
  newEvent({ source: '/test', type, subject: `/test/things/${n % 7}`, version: n, data: { n } });

test('two relays on one outbox publish every event once each, in position order, through RabbitMQ', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const db = await freshPostgres(t);
  if (!db) return;
  await migrate(db, [outboxMigration]);
  const exchange = uniqueName('test.events');
  cleanUpRabbitMq(t, { exchange });
  const bus = await createRabbitMqBus({ url: rabbitUrl(), exchange, logger: silentLogger() });
  t.teardown(() => bus.close());
  await bus.waitForConnection(5000);

  const raw = await connect(rabbitUrl());
  t.teardown(() => raw.close());
  const channel = await raw.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, exchange, 'test.#');
  const positions: number[] = [];
  await channel.consume(queue, (m) => m && positions.push(JSON.parse(m.content.toString()).position), { noAck: true });

  const relays = [1, 2].map(() => createOutboxRelay({ db, bus, logger: silentLogger(), batchSize: 50, pollMs: 50 }));
  relays.forEach((relay) => relay.start());
  t.teardown(() => Promise.all(relays.map((relay) => relay.stop())).then(() => undefined));
  for (let batch = 0; batch < 10; batch += 1) {
    await db.transaction((tx) =>
      appendEvents(
        tx,
        db.kind,
        Array.from({ length: 100 }, (_, i) => thingChanged(batch * 100 + i + 1)),
      ),
    );
    relays.forEach((relay) => relay.notify());
  }

  await eventually(() => positions.length >= 1000, { timeoutMs: 20_000, description: '1000 events received' });
  await eventually(async () => (await relays[0]!.backlog()) === 0, { description: 'every confirmed event marked sent' });
  t.deepEqual(
    positions,
    Array.from({ length: 1000 }, (_, i) => i + 1),
  );
});

test('an event no queue receives stays unsent, and goes once a consumer binds to it', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const db = await freshPostgres(t);
  if (!db) return;
  await migrate(db, [outboxMigration]);
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('late-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  const bus = await createRabbitMqBus({ url: rabbitUrl(), exchange, logger: silentLogger() });
  t.teardown(() => bus.close());
  await bus.waitForConnection(5000);
  let attempts = 0;
  const relay = createOutboxRelay({ db, bus, logger: silentLogger(), maxBackoffMs: 100, onPublished: () => undefined });
  const countingBus = bus.publish.bind(bus);
  bus.publish = async (event) => {
    attempts += 1;
    return countingBus(event);
  };
  relay.start();
  t.teardown(() => relay.stop());

  await db.transaction((tx) => appendEvents(tx, db.kind, [thingChanged(1, 'test.orphan.changed')]));
  relay.notify();
  await eventually(() => attempts >= 3, { description: 'several attempts' });
  t.is(await relay.backlog(), 1, 'the returned event stays in the outbox');

  const received: number[] = [];
  await bus.subscribe({ consumer, patterns: ['test.orphan.*'], handle: async (e) => void received.push(e.position) });
  await eventually(() => received.length === 1, { timeoutMs: 5000, description: 'the event delivered once bound' });
  await eventually(async () => (await relay.backlog()) === 0, { description: 'the event marked sent' });
  t.deepEqual(received, [1]);
});
