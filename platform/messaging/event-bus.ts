import type { EventEnvelope } from './event-envelope.ts';

/**
 * Thrown by a handler for an event that can never be handled, such as one whose payload fails
 * the consumer's schema: retrying would fail the same way, so the bus dead-letters it at once,
 * as it does an invalid envelope (docs/messaging.md).
 */
export class InvalidEventError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidEventError';
  }
}

/** Handles one event. Throwing means "not done": the bus retries, then dead-letters (at once for an InvalidEventError). */
export type EventHandler = (event: EventEnvelope) => Promise<void>;

/** One consumer's interest: a durable name, routing-key patterns (AMQP topic syntax) and a handler. */
export interface Subscription {
  /** Durable consumer name, e.g. `availability`; one queue per consumer on RabbitMQ. */
  readonly consumer: string;
  /** Routing-key patterns such as `catalogue.episode.*` or `licencing.#`. */
  readonly patterns: readonly string[];
  readonly handle: EventHandler;
}

/** Health of a bus as reported by `/health/ready` and the status endpoints. */
export interface BusStatus {
  readonly kind: 'in-process' | 'rabbitmq';
  readonly connected: boolean;
  readonly [detail: string]: unknown;
}

/**
 * The port every service publishes and consumes through. `publish` resolves only once the bus
 * has durably accepted the event (a publisher confirm with at least one queue routed on
 * RabbitMQ), so the outbox relay may mark the event sent.
 */
export interface EventBus {
  publish(event: EventEnvelope): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  status(): Promise<BusStatus>;
  close(): Promise<void>;
}

/** Whether a routing key matches an AMQP topic pattern (`*` one word, `#` zero or more). */
export const topicMatches = (pattern: string, routingKey: string): boolean => {
  const words = routingKey.split('.');
  const parts = pattern.split('.');
  const match = (p: number, w: number): boolean => {
    if (p === parts.length) return w === words.length;
    const part = parts[p];
    if (part === '#') return match(p + 1, w) || (w < words.length && match(p, w + 1));
    if (w === words.length) return false;
    return (part === '*' || part === words[w]) && match(p + 1, w + 1);
  };
  return match(0, 0);
};
