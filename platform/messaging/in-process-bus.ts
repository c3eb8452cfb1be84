import type { Logger } from 'pino';
import { backoffDelay, IN_LINE_EVENT_HANDLER_RETRY as IN_PROCESS_RETRY } from '../retry/retry-policy.ts';
import type { EventEnvelope } from './event-envelope.ts';
import { InvalidEventError, topicMatches, type BusStatus, type EventBus, type Subscription } from './event-bus.ts';

interface Consumer {
  readonly subscription: Subscription;
  readonly queue: EventEnvelope[];
  draining: Promise<void> | undefined;
}

export interface InProcessBusOptions {
  readonly logger: Logger;
  /** Attempts per event before it is set aside as dead-lettered (default: EVENT_HANDLER_RETRY's). */
  readonly maxAttempts?: number;
}

/**
 * The embedded mode's bus: delivers each published event to every matching subscriber, in
 * publication order, one event at a time per consumer, after `publish` has returned. Failed
 * handlers are retried (an InvalidEventError is not: it would fail the same way), then the event
 * is kept in `deadLetters` (the consumer catches up from
 * the producer's event feed on restart, so nothing committed is lost).
 */
export const createInProcessBus = ({ logger, maxAttempts = IN_PROCESS_RETRY.maxAttempts }: InProcessBusOptions) => {
  const consumers: Consumer[] = [];
  const deadLetters: { consumer: string; event: EventEnvelope; error: string }[] = [];
  let closed = false;

  const deliver = async (consumer: Consumer, event: EventEnvelope): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await consumer.subscription.handle(event);
        return;
      } catch (error) {
        if (attempt >= maxAttempts || error instanceof InvalidEventError) {
          const message = error instanceof Error ? error.message : String(error);
          deadLetters.push({ consumer: consumer.subscription.consumer, event, error: message });
          logger.error(
            { consumer: consumer.subscription.consumer, eventId: event.id, type: event.type, err: error },
            'event dead-lettered',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(IN_PROCESS_RETRY, attempt)));
      }
    }
  };

  const drain = (consumer: Consumer): Promise<void> => {
    consumer.draining ??= (async () => {
      for (let event = consumer.queue.shift(); event; event = consumer.queue.shift()) await deliver(consumer, event);
      consumer.draining = undefined;
    })();
    return consumer.draining;
  };

  const bus: EventBus & {
    readonly deadLetters: typeof deadLetters;
    /** Resolves once every queued event has been handled; for tests and orderly shutdown. */
    idle(): Promise<void>;
  } = {
    deadLetters,
    async publish(event) {
      if (closed) throw new Error('bus is closed');
      for (const consumer of consumers) {
        if (!consumer.subscription.patterns.some((pattern) => topicMatches(pattern, event.type))) continue;
        consumer.queue.push(event);
        void drain(consumer);
      }
    },
    async subscribe(subscription) {
      consumers.push({ subscription, queue: [], draining: undefined });
    },
    async status(): Promise<BusStatus> {
      return {
        kind: 'in-process',
        connected: !closed,
        queued: consumers.reduce((n, c) => n + c.queue.length, 0),
        deadLettered: deadLetters.length,
      };
    },
    async idle() {
      while (consumers.some((c) => c.draining !== undefined || c.queue.length > 0)) {
        await Promise.all(consumers.map((c) => c.draining ?? drain(c)));
      }
    },
    async close() {
      closed = true;
      await bus.idle();
    },
  };
  return bus;
};
