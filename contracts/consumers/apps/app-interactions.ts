import { MatchersV3 } from '@pact-foundation/pact';
import { consumerPact } from '../../support/consumer-pact.ts';
import { isoInstant, rootRelativeLink } from '../../support/matchers.ts';

const { boolean, eachLike, integer, regex, string } = MatchersV3;

/** The client apps, each a consumer of the gateway with its own pact. */
export const APPS = ['ios', 'android', 'samsung', 'web'] as const;
export type App = (typeof APPS)[number];

export const mediaType = (version: 1 | 2) => `application/vnd.itv.ctv.production.v${version}+hal+json`;

const links = (app: App, id: number) => ({
  self: rootRelativeLink(`/vod/${app}/episodes/\\d+`, `/vod/${app}/episodes/${id}`),
  catalogue: rootRelativeLink('/catalogue/episodes/\\d+', `/catalogue/episodes/${id}`),
  guidance: rootRelativeLink('/guidance/episodes/\\d+', `/guidance/episodes/${id}`),
});

/** What every app reads from a v1 tile: which programme and episode, whether it plays, until when, guidance. */
const v1Tile = (app: App, id: number) => ({
  episodeId: integer(id),
  title: string('Series 3, Episode 2'),
  programmeTitle: string('Downton Abbey'),
  seriesNumber: integer(3),
  episodeNumber: integer(2),
  available: boolean(true),
  startDate: isoInstant('2013-01-04T19:30:00.000Z'),
  endDate: isoInstant('2033-01-11T19:30:00.000Z'),
  restricted: boolean(true),
  _links: links(app, id),
});

/** The same in v2's nested shape. */
const v2Tile = (app: App, id: number) => ({
  episodeId: integer(id),
  title: string('Series 3, Episode 2'),
  available: boolean(true),
  programme: { title: string('Downton Abbey') },
  series: { number: integer(3), episode: integer(2) },
  window: { start: isoInstant('2013-01-04T19:30:00.000Z'), end: isoInstant('2033-01-11T19:30:00.000Z') },
  guidance: { restricted: boolean(true) },
  _links: links(app, id),
});

/** A page as each app's layout holds it: samsung's A to Z rails, the others a flat list. */
const pageBody = (app: App, version: 1 | 2, id: number) => {
  const tile = version === 1 ? v1Tile(app, id) : v2Tile(app, id);
  const embedded =
    app === 'samsung'
      ? { rails: eachLike({ letter: string('D'), _embedded: { productions: eachLike(tile) } }) }
      : { productions: eachLike(tile) };
  return { incomplete: boolean(false), total: integer(1), _embedded: embedded };
};

/** `GET /vod/{app}/episodes?q=Downton` in one version: the tiles the app renders. */
export const appPage = (app: App, version: 1 | 2, id: number) =>
  consumerPact(`${app}-app`, 'gateway')
    .addInteraction()
    .given('an episode is available on a platform', { episodeId: id, platform: app, channel: 'ITV', programmeTitle: 'Downton Abbey' })
    .uponReceiving(`a search for Downton tiles in version ${version}`)
    .withRequest('GET', `/vod/${app}/episodes`, (b) => b.query({ q: 'Downton', available: 'any' }).headers({ accept: mediaType(version) }))
    .willRespondWith(
      200,
      (b) =>
        void b
          .jsonBody(pageBody(app, version, id))
          .headers({ 'Content-Type': regex(`^${mediaType(version).replace(/[.+]/g, '\\$&')}$`, mediaType(version)) }),
    );
