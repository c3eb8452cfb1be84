import test, { type ExecutionContext } from 'ava';
import { silentLogger } from '../lifecycle/logger.ts';
import type { EventEnvelope } from '../messaging/event-envelope.ts';
import { createRabbitMqBus, type RabbitMqBus } from '../messaging/rabbitmq-bus.ts';
import { rabbitmqctl, requireBrokerControl } from '../testing/broker-control.ts';
import { eventually } from '../testing/eventually.ts';
import { freshPostgres } from '../testing/postgres.ts';
import { cleanUpRabbitMq, rabbitUrl, uniqueName } from '../testing/rabbitmq.ts';
import { createDeliveryLedger, createSyntheticService, type SyntheticService } from '../testing/synthetic-outbox-service.ts';

const UPDATES = 10_000;
const WRITERS = 12;
const SERVICES = ['alpha', 'bravo', 'charlie'];

const connectBus = async (t: ExecutionContext, exchange: string, name: string): Promise<RabbitMqBus> => {
  const bus = await createRabbitMqBus({
    url: rabbitUrl(),
    exchange,
    name,
    logger: silentLogger(),
    reconnectMaxDelayMs: 1000,
    retryDelayMs: 100,
  });
  t.teardown(() => bus.close());
  await bus.waitForConnection(10_000);
  return bus;
};

/**
 * Commits UPDATES updates spread over three synthetic outbox services, each with its own
 * schema, relay and connection, while `disrupt` runs once a quarter of them are committed;
 * then waits until every committed event has reached the consumer.
 */
const runUnderDisruption = async (t: ExecutionContext, disrupt: (consumerBus: RabbitMqBus) => Promise<void>) => {
  if (!(await requireBrokerControl(t))) return;
  const exchange = uniqueName('chaos.events');
  const consumer = uniqueName('chaos-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });

  const ledger = createDeliveryLedger();
  const consumerBus = await connectBus(t, exchange, 'chaos-consumer');
  await consumerBus.subscribe({ consumer, patterns: SERVICES.map((s) => `${s}.thing.*`), handle: async (e) => ledger.record(e) });

  const services: SyntheticService[] = [];
  for (const name of SERVICES) {
    const db = await freshPostgres(t, { max: 6 });
    if (!db) return;
    const service = await createSyntheticService(name, db, await connectBus(t, exchange, `chaos-${name}`), silentLogger());
    service.relay.start();
    t.teardown(() => service.relay.stop());
    services.push(service);
  }

  const committed: EventEnvelope[] = [];
  let next = 0;
  let disruption: Promise<void> | undefined;
  const writer = async () => {
    for (let i = next++; i < UPDATES; i = next++) {
      const service = services[i % services.length]!;
      committed.push(await service.update(Math.floor(Math.random() * 300)));
      if (committed.length === UPDATES / 4) disruption = disrupt(consumerBus);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: WRITERS }, writer));
  const committedAfterMs = Date.now() - started;
  await disruption;

  await eventually(() => ledger.counts(committed).lost === 0, {
    timeoutMs: 90_000,
    intervalMs: 200,
    description: 'every committed event delivered',
  });
  const backlogs = await Promise.all(services.map((s) => s.relay.backlog()));
  const counts = ledger.counts(committed);
  t.log({ ...counts, committedAfterMs, deliveredAfterMs: Date.now() - started });

  t.is(counts.lost, 0);
  t.deepEqual(backlogs, [0, 0, 0]);
  t.is(counts.effects + counts.superseded, committed.length, 'every event took effect once or was superseded by a newer version');
  const latest = new Map<string, number>();
  for (const e of committed) latest.set(e.subject, Math.max(latest.get(e.subject) ?? 0, e.version));
  t.deepEqual(
    Object.fromEntries(ledger.held),
    Object.fromEntries(latest),
    'the projection holds every subject at its last committed version',
  );
};

test('10,000 updates while the broker is stopped and started again: none lost, each takes effect once', async (t) => {
  await runUnderDisruption(t, async (consumerBus) => {
    await rabbitmqctl('stop_app');
    await eventually(async () => !(await consumerBus.status()).connected, { description: 'the bus notices the broker is gone' });
    await rabbitmqctl('start_app');
  });
});

test('10,000 updates while every connection is force-closed: none lost, each takes effect once', async (t) => {
  await runUnderDisruption(t, async () => {
    await rabbitmqctl('close_all_connections', 'chaos test');
  });
});
