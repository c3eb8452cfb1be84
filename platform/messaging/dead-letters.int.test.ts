import test from 'ava';
import { connect } from 'amqplib';
import { silentLogger } from '../lifecycle/logger.ts';
import { eventually } from '../testing/eventually.ts';
import { cleanUpRabbitMq, rabbitUrl, requireRabbitMq, uniqueName } from '../testing/rabbitmq.ts';
import { discardDeadLetters, listDeadLetters, replayDeadLetters } from './dead-letters.ts';
import { newEvent, type EventEnvelope } from './event-envelope.ts';
import { createRabbitMqBus } from './rabbitmq-bus.ts';

const event = (n: number): EventEnvelope => ({
  ...newEvent({ source: '/guidance', type: 'guidance.episode.guidance-set', subject: `/guidance/episodes/${n}`, version: 1, data: { n } }),
  position: n,
});

test('dead letters can be listed, replayed one by one to their original routing key, and discarded', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('dlq-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  const bus = await createRabbitMqBus({ url: rabbitUrl(), exchange, logger: silentLogger(), maxAttempts: 1 });
  t.teardown(() => bus.close());
  await bus.waitForConnection(5000);
  let broken = true;
  const handled: number[] = [];
  await bus.subscribe({
    consumer,
    patterns: ['guidance.#'],
    handle: async (e) => {
      if (broken) throw new Error(`cannot handle ${e.position}`);
      handled.push(e.position);
    },
  });
  const events = [event(1), event(2), event(3)];
  for (const e of events) await bus.publish(e);

  const model = await connect(rabbitUrl());
  t.teardown(() => model.close());
  const queue = `${consumer}.dlq`;
  const letters = await eventually(
    async () => {
      const found = await listDeadLetters(model, queue);
      return found.length === 3 ? found : undefined;
    },
    { description: 'three dead letters' },
  );
  t.deepEqual(letters.map((l) => l.messageId).sort(), events.map((e) => e.id).sort());
  t.true(
    letters.every((l) => l.routingKey === 'guidance.episode.guidance-set' && l.retries === 1 && /cannot handle/.test(l.lastError ?? '')),
  );
  t.is((await listDeadLetters(model, queue)).length, 3, 'listing leaves them in place');

  broken = false;
  t.is(await replayDeadLetters(model, queue, exchange, { messageId: events[1]!.id }), 1);
  await eventually(() => handled.length === 1, { description: 'the replayed event handled' });
  t.deepEqual(handled, [2]);

  t.is(await discardDeadLetters(model, queue, { messageId: events[0]!.id }), 1);
  t.is(await replayDeadLetters(model, queue, exchange, { all: true }), 1);
  await eventually(() => handled.length === 2, { description: 'the rest replayed' });
  t.deepEqual(handled, [2, 3]);
  t.deepEqual(await listDeadLetters(model, queue), []);
});
