import test from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import { serveRouters } from '#platform/testing/http';
import { createGateway } from '../../../gateway/gateway.ts';
import { withMockServers } from '../../support/consumer-pact.ts';
import { resetPact } from '../../support/pact-files.ts';
import { GATEWAY, availabilityEpisode, availabilityPage, catalogueEpisode, guidanceAbsent, guidanceSet } from './gateway-interactions.ts';

const V1 = 'application/vnd.itv.ctv.production.v1+hal+json';

test.before(() => {
  for (const provider of ['availability', 'catalogue', 'guidance']) resetPact(GATEWAY, provider);
});

/**
 * The real gateway (createGateway, its undici upstream clients, composition and views) over three
 * mock servers. Licencing gets an origin nothing listens on: the gateway must not call it, since
 * availability's answer already holds the window and the licences forming it.
 */
const throughGateway = async (urls: string[], path: string) => {
  const [availability, catalogue, guidance] = urls as [string, string, string];
  const gateway = createGateway({
    upstreams: { availability, catalogue, guidance, licencing: 'http://127.0.0.1:9' },
    logger: silentLogger(),
    rateLimitPerMinute: 0,
    upstreamTimeoutMs: 2_000,
    deadlineMs: 5_000,
  });
  const served = await serveRouters(gateway.routers);
  try {
    const response = await fetch(`${served.url}${path}`, { headers: { accept: V1 } });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown> & { _embedded?: { productions?: Record<string, unknown>[] } },
    };
  } finally {
    await served.close();
    await gateway.stop();
  }
};

test.serial(
  "GET /vod/ios/episodes asks availability for the page, then follows each production's catalogue and guidance links",
  async (t) => {
    const query = { platform: 'ios', channel: 'ITV', q: 'Downton', grouping: 'alphabetical', page: '1', size: '20' };
    const interactions = [availabilityPage(123456, query), catalogueEpisode(123456, 'a page'), guidanceSet(123456)];
    const { status, body } = await withMockServers(interactions, (urls) =>
      throughGateway(urls, '/vod/ios/episodes?channel=ITV&q=Downton&grouping=alphabetical'),
    );
    t.is(status, 200);
    t.false(body.incomplete, 'every part the gateway followed was understood');
    t.like(body._embedded!.productions![0], {
      episodeId: 123456,
      restricted: true,
      guidanceMessage: 'Contains Strong Language',
      seriesNumber: 3,
    });
  },
);

test.serial('GET /vod/ios/episodes/:id reads a guidance 404 as "no guidance", not as a failure', async (t) => {
  const interactions = [availabilityEpisode(123457, 'ios'), catalogueEpisode(123457, 'one episode'), guidanceAbsent(123457)];
  const { status, body } = await withMockServers(interactions, (urls) => throughGateway(urls, '/vod/ios/episodes/123457'));
  t.is(status, 200);
  t.false(body.incomplete);
  t.like(body, { episodeId: 123457, guidanceMessage: null });
});
