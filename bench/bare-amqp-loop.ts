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
