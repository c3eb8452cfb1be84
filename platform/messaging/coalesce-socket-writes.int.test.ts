import test from 'ava';
import { connect } from 'amqplib';
import { rabbitUrl, requireRabbitMq, uniqueName } from '../testing/rabbitmq.ts';
import { coalesceSocketWrites } from './coalesce-socket-writes.ts';

test('corking applies to the amqplib in use, and every frame of a burst still reaches the broker and back', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const model = await connect(rabbitUrl());
  t.teardown(() => model.close().catch(() => undefined));
  t.true(coalesceSocketWrites(model), 'amqplib no longer has the internals coalesceSocketWrites wraps');
  const publish = await model.createConfirmChannel();
  const consume = await model.createChannel();
  const queue = uniqueName('test.cork');
  await consume.assertQueue(queue, { exclusive: true });
  const received: string[] = [];
  const all = new Promise<void>((resolve) => {
    void consume.consume(queue, (message) => {
      if (!message) return;
      received.push(message.content.toString());
      consume.ack(message);
      if (received.length === 500) resolve();
    });
  });
  const sent = Array.from({ length: 500 }, (_, i) => `${i}:${'x'.repeat(i * 7)}`);
  for (const body of sent) publish.sendToQueue(queue, Buffer.from(body), { persistent: true });
  await publish.waitForConfirms();
  await all;
  t.deepEqual(received, sent);
});

test('without amqplib internals to wrap, corking says so and changes nothing', (t) => {
  t.false(coalesceSocketWrites({} as never));
  t.false(coalesceSocketWrites({ connection: { stream: {}, muxer: {} } } as never));
});
