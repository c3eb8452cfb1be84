import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import { backoffDelay, type RetryPolicy as Backoff } from '../retry/retry-policy.ts';
import { decodeEvent, headers, republishOptions, type Decoded } from './amqp-message.ts';
import type { ConfirmPublisher } from './confirm-publisher.ts';
import { InvalidEventError, type Subscription } from './event-bus.ts';
import { declareConsumerTopology, consumerQueues, type ConsumerQueues } from './rabbitmq-topology.ts';

/** How one consumer retries before it gives a message up to its dead-letter queue. */
export interface RetryPolicy extends Backoff {
  /** Broker-side cap on deliveries (crash loops the consumer cannot count itself). */
  readonly deliveryLimit: number;
}

export interface ConsumerRunnerOptions {
  readonly subscription: Subscription;
  readonly exchange: string;
  readonly prefetch: number;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  /** Asked for when the channel dies or the broker cancels us: recycle the connection. */
  readonly onChannelLost: (reason: string) => void;
}

/** One subscription's life across connections: its channel is replaced, its state is not. */
export interface ConsumerRunner {
  readonly queues: ConsumerQueues;
  attach(model: ChannelModel, publisher: ConfirmPublisher): Promise<void>;
  /** Stops taking deliveries and waits for the handlers in flight. */
  stop(): Promise<void>;
  inFlight(): number;
}

/**
 * Runs one subscription: validates each delivery at the edge, hands valid events to the
 * handler, acks after it succeeds, and otherwise moves the message on (retry queue or
 * dead-letter queue, confirmed before the original is acked, so a move is never a loss). An
 * invalid envelope, or a handler's InvalidEventError, goes to the dead-letter queue at once.
 * Events for the same subject are handled one after another, in delivery order; different
 * subjects run concurrently, up to `prefetch`.
 */
export const createConsumerRunner = (options: ConsumerRunnerOptions): ConsumerRunner => {
  const { subscription, exchange, prefetch, retry, logger } = options;
  const queues = consumerQueues(subscription.consumer);
  const log = logger.child({ consumer: subscription.consumer });
  const running = new Set<Promise<void>>();
  const chains = new Map<string, Promise<void>>();
  let current: { channel: Channel; tag: string } | undefined;
  let stopped = false;

  const settle = (channel: Channel, action: () => void) => {
    if (current?.channel !== channel) return;
    try {
      action();
    } catch (error) {
      log.warn({ err: error }, 'could not settle delivery; it will be redelivered');
    }
  };

  const moveOn = async (channel: Channel, publisher: ConfirmPublisher, message: ConsumeMessage, failures: number, reason: string) => {
    const toDeadLetter = failures >= retry.maxAttempts;
    const target = toDeadLetter ? queues.deadLetter : queues.retry;
    const extra = { [headers.retries]: failures, [headers.lastError]: reason.slice(0, 1000), [headers.consumer]: subscription.consumer };
    try {
      await publisher.publish(
        '',
        target,
        message.content,
        republishOptions(message, extra, toDeadLetter ? undefined : backoffDelay(retry, failures)),
      );
      settle(channel, () => channel.ack(message));
      if (toDeadLetter) log.error({ messageId: message.properties.messageId, failures, reason }, 'message dead-lettered');
    } catch (error) {
      log.warn({ err: error, messageId: message.properties.messageId }, 'could not move failed message; requeueing it');
      settle(channel, () => channel.nack(message, false, true));
    }
  };

  const handle = async (channel: Channel, publisher: ConfirmPublisher, message: ConsumeMessage, decoded: Decoded) => {
    if (!decoded.ok) return moveOn(channel, publisher, message, retry.maxAttempts, decoded.reason);
    try {
      await subscription.handle(decoded.event);
    } catch (error) {
      const previous = Number(message.properties.headers?.[headers.retries] ?? 0);
      const reason = error instanceof Error ? error.message : String(error);
      return moveOn(
        channel,
        publisher,
        message,
        error instanceof InvalidEventError ? Math.max(retry.maxAttempts, previous + 1) : previous + 1,
        reason,
      );
    }
    settle(channel, () => channel.ack(message));
  };

  const track = (key: string | undefined, work: () => Promise<void>) => {
    const previous = key ? chains.get(key) : undefined;
    const task = (previous ?? Promise.resolve()).then(work).catch((error: unknown) => log.error({ err: error }, 'consumer failed'));
    if (key) chains.set(key, task);
    running.add(task);
    void task.finally(() => {
      running.delete(task);
      if (key && chains.get(key) === task) chains.delete(key);
    });
  };

  return {
    queues,
    async attach(model, publisher) {
      if (stopped) return;
      const channel = await model.createChannel();
      channel.on('error', (error: Error) => log.warn({ err: error }, 'consumer channel error'));
      channel.on('close', () => {
        if (current?.channel !== channel) return;
        current = undefined;
        if (!stopped) options.onChannelLost(`consumer channel of ${subscription.consumer} closed`);
      });
      await declareConsumerTopology(channel, exchange, subscription.consumer, subscription.patterns, retry.deliveryLimit);
      await channel.prefetch(prefetch);
      current = { channel, tag: '' };
      const { consumerTag } = await channel.consume(queues.work, (message) => {
        if (message === null) {
          if (current?.channel === channel) options.onChannelLost(`broker cancelled consumer ${subscription.consumer}`);
          return;
        }
        // Decoded once, here: the subject orders the chain and the handler gets the same event.
        const decoded = decodeEvent(message);
        track(decoded.ok ? decoded.event.subject : undefined, () => handle(channel, publisher, message, decoded));
      });
      if (current?.channel === channel) current = { channel, tag: consumerTag };
    },
    async stop() {
      stopped = true;
      const attached = current;
      if (attached) await attached.channel.cancel(attached.tag).catch(() => undefined);
      while (running.size > 0) await Promise.allSettled([...running]);
      current = undefined;
      if (attached) await attached.channel.close().catch(() => undefined);
    },
    inFlight: () => running.size,
  };
};
