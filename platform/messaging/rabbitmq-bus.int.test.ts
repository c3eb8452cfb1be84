import test from 'ava';
import { connect } from 'amqplib';
import { silentLogger } from '../lifecycle/logger.ts';
import { eventually } from '../testing/eventually.ts';
import { cleanUpRabbitMq, rabbitUrl, requireRabbitMq, uniqueName } from '../testing/rabbitmq.ts';
import { CLOUDEVENTS_JSON } from './amqp-message.ts';
import { UnroutableError } from './confirm-publisher.ts';
import { newEvent, type EventEnvelope } from './event-envelope.ts';
import { createRabbitMqBus, type RabbitMqBusOptions } from './rabbitmq-bus.ts';

const event = (n: number, type = 'guidance.episode.guidance-set'): EventEnvelope => ({
  ...newEvent({ source: '/guidance', type, subject: `/guidance/episodes/${n}`, version: 1, data: { episodeId: n } }),
  position: n,
});

const setUp = async (t: Parameters<typeof requireRabbitMq>[0], options: Partial<RabbitMqBusOptions> = {}) => {
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('test-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  const bus = await createRabbitMqBus({ url: rabbitUrl(), exchange, logger: silentLogger(), retryDelayMs: 20, ...options });
  t.teardown(() => bus.close());
  await bus.waitForConnection(5000);
  return { bus, exchange, consumer };
};

test('a published event reaches the subscribed consumer with its id, type and content type', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const { bus, exchange, consumer } = await setUp(t);
  const received: EventEnvelope[] = [];
  await bus.subscribe({ consumer, patterns: ['guidance.episode.*'], handle: async (e) => void received.push(e) });

  const raw = await connect(rabbitUrl());
  t.teardown(() => raw.close());
  const channel = await raw.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, exchange, '#');

  const sent = event(1);
  await bus.publish(sent);

  await eventually(() => received.length === 1, { description: 'event consumed' });
  t.deepEqual(received[0], sent);
  const message = await eventually(() => channel.get(queue, { noAck: true }));
  t.is(message.properties.messageId, sent.id);
  t.is(message.properties.contentType, CLOUDEVENTS_JSON);
  t.is(message.properties.deliveryMode, 2);
  t.is(message.fields.routingKey, sent.type);
});

test('a publish that no queue receives rejects as unroutable', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const { bus } = await setUp(t);
  const error = await t.throwsAsync(bus.publish(event(1, 'nobody.listens.here')));
  t.true(error instanceof UnroutableError);
});

test('publishing while the broker is unreachable rejects at once', async (t) => {
  const bus = await createRabbitMqBus({ url: 'amqp://guest:guest@127.0.0.1:1', exchange: uniqueName('x'), logger: silentLogger() });
  t.teardown(() => bus.close());
  await t.throwsAsync(bus.publish(event(1)), { message: /not connected/ });
  t.false((await bus.status()).connected);
});

test('an invalid payload is dead-lettered at once and does not hold back the events behind it', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const { bus, exchange, consumer } = await setUp(t, { maxAttempts: 3 });
  let handled = 0;
  await bus.subscribe({ consumer, patterns: ['guidance.#'], handle: async () => void (handled += 1) });

  const raw = await connect(rabbitUrl());
  t.teardown(() => raw.close());
  const channel = await raw.createConfirmChannel();
  channel.publish(exchange, 'guidance.episode.guidance-set', Buffer.from('{"not":"an event"}'), { messageId: 'bad-1' });
  await channel.waitForConfirms();
  for (let n = 1; n <= 20; n += 1) await bus.publish(event(n));

  await eventually(() => handled === 20, { description: 'good events handled' });
  const status = await eventually(async () => {
    const s = await bus.status();
    const queues = s.consumers as Record<string, { deadLettered: number }>;
    return queues[consumer]?.deadLettered === 1 ? queues[consumer] : undefined;
  });
  t.is(status.deadLettered, 1);
  const dead = await eventually(() => channel.get(`${consumer}.dlq`, { noAck: true }));
  t.is(dead.properties.messageId, 'bad-1');
  t.regex(String(dead.properties.headers?.['x-last-error']), /invalid event envelope/);
  t.is(dead.properties.headers?.['x-original-routing-key'], 'guidance.episode.guidance-set');
});

test('a failing handler is retried with backoff, then its event is dead-lettered', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const { bus, consumer } = await setUp(t, { maxAttempts: 3, retryDelayMs: 150 });
  const attempts: number[] = [];
  await bus.subscribe({
    consumer,
    patterns: ['guidance.#'],
    handle: async () => {
      attempts.push(Date.now());
      throw new Error('projection unavailable');
    },
  });
  await bus.publish(event(7));

  await eventually(
    async () => {
      const queues = (await bus.status()).consumers as Record<string, { deadLettered: number }>;
      return queues[consumer]?.deadLettered === 1;
    },
    { description: 'event dead-lettered' },
  );
  t.is(attempts.length, 3);
  t.true(attempts[1]! - attempts[0]! >= 140, 'the first retry waits retryDelayMs');
  t.true(attempts[2]! - attempts[1]! >= 290, 'the second retry waits twice as long');
});

test('close waits for the handler in flight before it returns', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('test-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  const bus = await createRabbitMqBus({ url: rabbitUrl(), exchange, logger: silentLogger() });
  await bus.waitForConnection(5000);
  let started = false;
  let finished = false;
  await bus.subscribe({
    consumer,
    patterns: ['#'],
    handle: async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
      finished = true;
    },
  });
  await bus.publish(event(1));
  await eventually(() => started, { description: 'handler started' });
  await bus.close();
  t.true(finished);
});
