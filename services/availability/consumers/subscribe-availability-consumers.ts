import type { EventBus } from '#platform/messaging/event-bus';
import type { Projector } from './projector.ts';

/** The durable consumer name: one queue for the aggregator on RabbitMQ. */
export const AVAILABILITY_CONSUMER = 'availability';

/**
 * Every event of the three sources, not only the types the projection uses: RabbitMQ publishing
 * is mandatory (an event no queue takes fails, and the outbox keeps it), so a type nobody binds,
 * such as `catalogue.programme.published`, would stall its service's relay. The projector skips
 * the types it does not use, exactly as it does when reading a feed.
 */
export const AVAILABILITY_SUBSCRIPTION_PATTERNS: readonly string[] = ['catalogue.#', 'guidance.#', 'licencing.#'];

/**
 * Subscribes the aggregator through the bus port. A handler that throws (invalid payload,
 * store down) is retried, then dead-lettered.
 */
export const subscribeAvailabilityConsumers = (bus: EventBus, projector: Projector): Promise<void> =>
  bus.subscribe({
    consumer: AVAILABILITY_CONSUMER,
    patterns: AVAILABILITY_SUBSCRIPTION_PATTERNS,
    handle: (event) => projector.applyLive([event]),
  });
