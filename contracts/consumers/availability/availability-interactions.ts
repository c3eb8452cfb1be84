import { MatchersV3 } from '@pact-foundation/pact';
import { consumerPact } from '../../support/consumer-pact.ts';
import { halBody } from '../../support/matchers.ts';
import { FEED_PAGE_SIZE } from '../../../services/availability/feeds/read-feed.ts';
import { AVAILABILITY } from './event-templates.ts';

const { equal, integer, uuid } = MatchersV3;

/**
 * One item of a feed page as availability reads it: HAL around the CloudEvent, which is `event`.
 * The item's own `_links` (self, about) are not pinned: availability does not follow them.
 */
export const feedItem = (event: unknown) => ({ event });

/** The page availability's feed client reads: `head`, then the items in `_embedded.events`. */
export const feedPage = (source: string, state: string, events: unknown) =>
  consumerPact(AVAILABILITY, source)
    .addInteraction()
    .given(state)
    .uponReceiving(`a read of the ${source} event feed from the start`)
    .withRequest('GET', `/${source}/events`, (b) =>
      b.query({ after: '0', limit: String(FEED_PAGE_SIZE) }).headers({ accept: 'application/hal+json' }),
    )
    .willRespondWith(200, (b) => halBody(b, { head: integer(2), _embedded: { events } }));

/**
 * One event as the bus delivers it: the CloudEvent as the body, and as metadata the routing key
 * (the event's type, which availability binds to) and the AMQP message id (the event's id, which
 * makes redeliveries recognisable). `state` names the editor's command that causes it.
 */
export const message = (source: string, state: string, type: string, content: unknown) =>
  consumerPact(AVAILABILITY, source)
    .addAsynchronousInteraction()
    .given(state)
    .expectsToReceive(`a ${type} event`, (b) => {
      b.withJSONContent(content);
      b.withMetadata({ routingKey: equal(type), messageId: uuid('6f1c1f8e-3c7e-4a55-9f7c-0b7f1d6f4d2a') });
    });
