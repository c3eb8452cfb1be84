import type { MessageProviders } from '@pact-foundation/pact';
import { toAmqpMessage } from '#platform/messaging/amqp-message';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import { eventually } from '#platform/testing/eventually';

/** Rewrites an event before it is verified; only the guard test passes one. */
export type EventMapper = (event: EventEnvelope) => unknown;

const newest = (events: readonly EventEnvelope[], type: string) => [...events].reverse().find((event) => event.type === type);

/**
 * Message providers for the given event types, keyed by the description consumers use ("a
 * <type> event"). Each waits for the newest event of that type the service relayed to the bus
 * after the state's command, and answers with it and the metadata RabbitMQ carries: the
 * routing key (the bus publishes with the event's type) and the message id, taken from the
 * real AMQP encoding.
 */
export const publishedMessages = (
  types: readonly string[],
  published: () => readonly EventEnvelope[],
  mapEvent: EventMapper = (e) => e,
): MessageProviders =>
  Object.fromEntries(
    types.map((type) => [
      `a ${type} event`,
      async () => {
        const event = await eventually(() => newest(published(), type), { timeoutMs: 5_000, description: `a ${type} event on the bus` });
        const { options } = toAmqpMessage(event);
        return { __pactMessageMetadata: { routingKey: event.type, messageId: String(options.messageId) }, message: mapEvent(event) };
      },
    ]),
  );
