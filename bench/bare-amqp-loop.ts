import { connect } from 'amqplib';

/** Throughput and latency of one run through the broker. */
export interface LoopResult {
  readonly eventsPerSecond: number;
  readonly latenciesMs: readonly number[];
}

/**
 * The baseline: amqplib alone on the same broker, with the same guarantees asked of it
 * (persistent messages, publisher confirms awaited in windows of `window`, one durable quorum
 * queue, prefetch 100, a manual ack per message), and nothing else: no database, no envelope
 * validation, no retry chain.
 */
export const bareAmqpLoop = async (url: string, count: number, body: Buffer, window = 100): Promise<LoopResult> => {
  const connection = await connect(url);
  const queue = `bench.bare.${process.pid}.${Date.now()}`;
  try {
    const publish = await connection.createConfirmChannel();
    const consume = await connection.createChannel();
    await consume.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await consume.prefetch(100);
    const latenciesMs: number[] = [];
    const started = performance.now();
    const done = new Promise<void>((resolve) => {
      void consume.consume(queue, (message) => {
        if (!message) return;
        latenciesMs.push(performance.now() - Number(message.properties.headers?.['x-sent-at']));
        consume.ack(message);
        if (latenciesMs.length === count) resolve();
      });
    });
    for (let sent = 0; sent < count; sent += window) {
      for (let i = sent; i < Math.min(count, sent + window); i += 1) {
        publish.sendToQueue(queue, body, { persistent: true, messageId: String(i), headers: { 'x-sent-at': performance.now() } });
      }
      await publish.waitForConfirms();
    }
    await done;
    const seconds = (performance.now() - started) / 1000;
    await consume.deleteQueue(queue);
    return { eventsPerSecond: count / seconds, latenciesMs };
  } finally {
    await connection.close();
  }
};

/**
 * The baseline for one event at a time: amqplib alone publishing `perSecond` messages, each
 * persistent, confirmed, to one durable quorum queue consumed with manual acks: the least a
 * change can spend in the broker. Latency is from the publish to the delivery.
 */
export const pacedBareAmqp = async (url: string, perSecond: number, seconds: number, body: Buffer): Promise<LoopResult> => {
  // With `noDelay`, as the platform's connection: with Nagle's algorithm on, a publish waits for
  // the broker's delayed ACK of the previous ack (40 ms), which made this baseline ~23 ms at p50.
  const connection = await connect(url, { noDelay: true });
  const queue = `bench.bare.paced.${process.pid}.${Date.now()}`;
  try {
    const publish = await connection.createConfirmChannel();
    const consume = await connection.createChannel();
    await consume.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await consume.prefetch(100);
    const count = perSecond * seconds;
    const latenciesMs: number[] = [];
    const done = new Promise<void>((resolve) => {
      void consume.consume(queue, (message) => {
        if (!message) return;
        latenciesMs.push(performance.now() - Number(message.properties.headers?.['x-sent-at']));
        consume.ack(message);
        if (latenciesMs.length === count) resolve();
      });
    });
    const started = performance.now();
    for (let i = 0; i < count; i += 1) {
      const wait = started + (i * 1000) / perSecond - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      publish.sendToQueue(
        queue,
        body,
        { persistent: true, messageId: String(i), headers: { 'x-sent-at': performance.now() } },
        () => undefined,
      );
    }
    await publish.waitForConfirms();
    await done;
    const result = { eventsPerSecond: count / ((performance.now() - started) / 1000), latenciesMs };
    await consume.deleteQueue(queue);
    return result;
  } finally {
    await connection.close();
  }
};
