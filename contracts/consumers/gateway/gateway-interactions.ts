import { MatchersV3 } from '@pact-foundation/pact';
import { consumerPact, type Runnable } from '../../support/consumer-pact.ts';
import { halBody, isoInstant, oneOf, rootRelativeLink } from '../../support/matchers.ts';

const { boolean, eachLike, integer, string } = MatchersV3;

export const GATEWAY = 'gateway';
const HAL = { accept: 'application/hal+json' };

/** The facts and links of one production, as the gateway's productionShape reads them. */
const production = (episodeId: number, withGroup: boolean) => ({
  episodeId: integer(episodeId),
  programmeId: integer(1),
  title: string('Downton Abbey'),
  available: boolean(true),
  availableFrom: isoInstant('2013-01-04T19:30:00.000Z'),
  availableUntil: isoInstant('2033-01-11T19:30:00.000Z'),
  licenceIds: eachLike(string('6f9619ff-8b86-4d11-b42d-00c04fc964ff')),
  restricted: boolean(true),
  ...(withGroup ? { group: string('D') } : {}),
  _links: {
    catalogue: rootRelativeLink('/catalogue/episodes/\\d+', `/catalogue/episodes/${episodeId}`),
    guidance: rootRelativeLink('/guidance/episodes/\\d+', `/guidance/episodes/${episodeId}`),
    licences: rootRelativeLink('/licencing/licences\\?episode=\\d+', `/licencing/licences?episode=${episodeId}`),
  },
});

const available = (episodeId: number, platform: string) => ({ episodeId, platform, channel: 'ITV', programmeTitle: 'Downton Abbey' });

/** `GET /availability/episodes?...`: one page of productions for a client's search. */
export const availabilityPage = (episodeId: number, query: Record<string, string>) =>
  consumerPact(GATEWAY, 'availability')
    .addInteraction()
    .given('an episode is available on a platform', available(episodeId, query.platform!))
    .uponReceiving('a search for available episodes on a channel, grouped A to Z')
    .withRequest('GET', '/availability/episodes', (b) => b.query(query).headers(HAL))
    .willRespondWith(200, (b) => halBody(b, { total: integer(1), _embedded: { productions: eachLike(production(episodeId, true)) } }));

/** `GET /availability/episodes/{id}?platform=`: one production's availability facts. */
export const availabilityEpisode = (episodeId: number, platform: string) =>
  consumerPact(GATEWAY, 'availability')
    .addInteraction()
    .given('an episode is available on a platform', available(episodeId, platform))
    .uponReceiving("a request for one episode's availability on a platform")
    .withRequest('GET', `/availability/episodes/${episodeId}`, (b) => b.query({ platform }).headers(HAL))
    .willRespondWith(200, (b) => halBody(b, production(episodeId, false)));

/**
 * What the gateway is composing when it follows a link: Pact keys interactions by description
 * and state, so the same request made for a page and for one episode needs two names.
 */
export type Composing = 'a page' | 'one episode';

/** `GET /catalogue/episodes/{id}`: the editorial facts the client views show. */
export const catalogueEpisode = (episodeId: number, composing: Composing) =>
  consumerPact(GATEWAY, 'catalogue')
    .addInteraction()
    .given('an episode is published', { episodeId, channel: 'ITV', programmeTitle: 'Downton Abbey' })
    .uponReceiving(`a request for a published episode, composing ${composing}`)
    .withRequest('GET', `/catalogue/episodes/${episodeId}`, (b) => b.headers(HAL))
    .willRespondWith(200, (b) =>
      halBody(b, {
        episodeId: integer(episodeId),
        programmeId: integer(1),
        programmeTitle: string('Downton Abbey'),
        channel: string('ITV'),
        title: string('Episode 23'),
        synopsis: string('The Crawley family on their estate, Downton.'),
        seriesNumber: integer(3),
        orderInSeries: integer(2),
        orderInProgramme: integer(23),
        durationSeconds: integer(3600),
        status: oneOf(['published', 'withdrawn'], 'published'),
      }),
    );

/** `GET /guidance/episodes/{id}` when guidance is set. */
export const guidanceSet = (episodeId: number) =>
  consumerPact(GATEWAY, 'guidance')
    .addInteraction()
    .given('an episode has guidance', { episodeId })
    .uponReceiving("a request for an episode's guidance")
    .withRequest('GET', `/guidance/episodes/${episodeId}`, (b) => b.headers(HAL))
    .willRespondWith(200, (b) => halBody(b, { restricted: boolean(true), message: string('Contains Strong Language') }));

/** `GET /guidance/episodes/{id}` when none is set: a 404 the gateway reads as "no guidance". */
export const guidanceAbsent = (episodeId: number) =>
  consumerPact(GATEWAY, 'guidance')
    .addInteraction()
    .given('an episode has no guidance', { episodeId })
    .uponReceiving('a request for the guidance of an episode that has none')
    .withRequest('GET', `/guidance/episodes/${episodeId}`, (b) => b.headers(HAL))
    .willRespondWith(404);

export type { Runnable };
