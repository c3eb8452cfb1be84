import type { ChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import { openAmqpConnection } from './amqp-connection.ts';
import { toAmqpMessage } from './amqp-message.ts';
import { createConfirmPublisher, type ConfirmPublisher } from './confirm-publisher.ts';
import type { BusStatus, EventBus } from './event-bus.ts';
import { createConsumerRunner, type ConsumerRunner, type RetryPolicy } from './rabbitmq-consumer.ts';
import { declareExchange } from './rabbitmq-topology.ts';
import { queueStatus } from './rabbitmq-status.ts';
import { EVENT_HANDLER_RETRY } from '../retry/retry-policy.ts';

/** Options of {@link createRabbitMqBus}; only `url`, `exchange` and `logger` are required. */
export interface RabbitMqBusOptions {
  /** `amqp://` or `amqps://` URL (`AMQP_URL`); a `heartbeat` query parameter overrides the default. */
  readonly url: string;
  /** The durable topic exchange every service publishes to (`AMQP_EXCHANGE`). */
  readonly exchange: string;
  readonly logger: Logger;
  /** Connection name shown by the broker, e.g. the service's name (default `vod`). */
  readonly name?: string;
  /** Unacked deliveries per consumer (default 100). */
  readonly prefetch?: number;
  /** Handler attempts per message before it is dead-lettered (default 5). */
  readonly maxAttempts?: number;
  /** First retry delay, doubled per retry (default 1000 ms). */
  readonly retryDelayMs?: number;
  /** Cap on the retry delay (default 30000 ms). */
  readonly maxRetryDelayMs?: number;
  /** Broker-side delivery cap per message, catching consumer crash loops (default 20). */
  readonly deliveryLimit?: number;
  /** AMQP heartbeat (default 5 s), so a silently dead broker is noticed within ~10 s. */
  readonly heartbeatSeconds?: number;
  /** How long `publish` waits for the broker's confirm before rejecting (default 10000 ms). */
  readonly confirmTimeoutMs?: number;
  /** Reconnect backoff bounds (defaults 100 ms and 5000 ms, with jitter). */
  readonly reconnectInitialDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
}

/** The RabbitMQ bus, plus a way to wait for the broker at start-up (tests, readiness). */
export interface RabbitMqBus extends EventBus {
  waitForConnection(timeoutMs: number): Promise<void>;
}

/**
 * The distributed mode's {@link EventBus}, on one durable topic exchange with routing key =
 * event type. `publish` resolves only when the broker confirmed the message *and* routed it to
 * at least one queue; it rejects at once while disconnected, so the outbox keeps the event and
 * the relay retries. Each subscription gets a durable quorum queue named after its consumer,
 * with a retry queue and a dead-letter queue (see `rabbitmq-topology.ts`). The connection
 * recovers by itself and re-declares all topology and consumers on every reconnect. Does not
 * wait for the broker: the process starts and serves reads while RabbitMQ is away.
 */
export const createRabbitMqBus = async (options: RabbitMqBusOptions): Promise<RabbitMqBus> => {
  const { exchange, logger, prefetch = 100, confirmTimeoutMs = 10_000 } = options;
  const retry: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? EVENT_HANDLER_RETRY.maxAttempts,
    baseDelayMs: options.retryDelayMs ?? EVENT_HANDLER_RETRY.baseDelayMs,
    maxDelayMs: options.maxRetryDelayMs ?? EVENT_HANDLER_RETRY.maxDelayMs,
    deliveryLimit: options.deliveryLimit ?? 20,
  };
  const log = logger.child({ component: 'rabbitmq-bus' });
  const runners: ConsumerRunner[] = [];
  const attachedTo = new Map<ConsumerRunner, ChannelModel>();
  let active: { model: ChannelModel; publisher: ConfirmPublisher } | undefined;
  let closing = false;

  const attach = async (runner: ConsumerRunner, model: ChannelModel, publisher: ConfirmPublisher) => {
    if (attachedTo.get(runner) === model) return;
    attachedTo.set(runner, model);
    await runner.attach(model, publisher);
  };

  const connection = await openAmqpConnection({
    url: options.url,
    logger: log,
    name: options.name ?? 'vod',
    ...(options.heartbeatSeconds !== undefined ? { heartbeatSeconds: options.heartbeatSeconds } : {}),
    ...(options.reconnectInitialDelayMs !== undefined ? { initialDelayMs: options.reconnectInitialDelayMs } : {}),
    ...(options.reconnectMaxDelayMs !== undefined ? { maxDelayMs: options.reconnectMaxDelayMs } : {}),
    onDisconnect: () => {
      active = undefined;
    },
    setup: async (model) => {
      const channel = await model.createConfirmChannel();
      channel.on('error', (error: Error) => log.warn({ err: error }, 'publisher channel error'));
      channel.on('close', () => {
        if (active?.model === model && !closing) connection.restart('publisher channel closed');
      });
      await declareExchange(channel, exchange);
      const publisher = createConfirmPublisher(channel, confirmTimeoutMs);
      active = { model, publisher };
      for (let i = 0; i < runners.length; i += 1) await attach(runners[i]!, model, publisher);
    },
  });

  const onChannelLost = (reason: string) => {
    if (!closing) connection.restart(reason);
  };

  return {
    async publish(event) {
      const live = active;
      if (!live || closing) throw new Error('not connected to RabbitMQ; the event stays in the outbox');
      const { content, options: publishOptions } = toAmqpMessage(event);
      await live.publisher.publish(exchange, event.type, content, publishOptions);
    },
    async subscribe(subscription) {
      const runner = createConsumerRunner({ subscription, exchange, prefetch, retry, logger: log, onChannelLost });
      runners.push(runner);
      if (active) await attach(runner, active.model, active.publisher);
      else log.info({ consumer: subscription.consumer }, 'subscribed while disconnected; consuming starts on connect');
    },
    async status(): Promise<BusStatus> {
      const live = active;
      const consumers = live
        ? await queueStatus(
            live.model,
            runners.map((r) => r.queues),
          )
        : {};
      return { kind: 'rabbitmq', connected: live !== undefined, exchange, consumers };
    },
    async waitForConnection(timeoutMs) {
      await connection.waitForConnect(timeoutMs);
    },
    async close() {
      closing = true;
      await Promise.all(runners.map((runner) => runner.stop()));
      active = undefined;
      await connection.close();
    },
  };
};
