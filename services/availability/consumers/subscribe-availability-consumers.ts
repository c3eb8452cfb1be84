import type { EventBus } from '../../../platform/messaging/event-bus.ts';
import { AVAILABILITY_PATTERNS } from './project-event.ts';
import type { Projector } from './projector.ts';

/** The durable consumer name: one queue for the aggregator on RabbitMQ. */
export const AVAILABILITY_CONSUMER = 'availability';

/**
 * Subscribes the aggregator to catalogue episode, guidance and licence events through the bus
 * port. A handler that throws (invalid payload, store down) is retried, then dead-lettered.
 */
export const subscribeAvailabilityConsumers = (bus: EventBus, projector: Projector): Promise<void> =>
  bus.subscribe({
    consumer: AVAILABILITY_CONSUMER,
    patterns: AVAILABILITY_PATTERNS,
    handle: (event) => projector.applyLive([event]),
  });
