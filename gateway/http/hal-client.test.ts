import test from 'ava';
import { Ketting } from 'ketting';
import { serveGatewayOverFakes, V2 } from '../testing/serve-gateway.ts';

/**
 * A stock HAL client walks the gateway: Ketting (npm `ketting`) told once that the versioned
 * media type is HAL, the way docs/gateway.md says, and otherwise used as it comes.
 */
test('Ketting walks from /vod to an episode of a client platform and follows its catalogue and guidance links', async (t) => {
  const served = await serveGatewayOverFakes({ count: 30, upstreamTimeoutMs: 2_000, deadlineMs: 5_000, passthrough: ['catalogue', 'guidance', 'licencing', 'availability'] });
  t.teardown(() => served.close());
  const client = new Ketting(`${served.url}/vod`);
  const hal = client.contentTypeMap['application/hal+json']![0];
  client.contentTypeMap[V2] = [hal, '1.0'];

  const root = client.go();
  const page = await root.follow('episodes', { channel: 'ITV' });
  t.regex(page.uri, /\/vod\/ios\/episodes\?channel=ITV$/);
  const productions = await page.followAll('productions');
  t.true(productions.length > 0);
  const episode = await productions[0]!.get();
  t.is(episode.contentHeaders().get('Content-Type'), V2);
  t.like(episode.data, { available: true, window: { status: 'known' } });
  const id = (episode.data as { episodeId: number }).episodeId;
  t.is(new URL(episode.uri).pathname, `/vod/ios/episodes/${id}`);

  const catalogue = await (await productions[0]!.follow('catalogue')).get();
  t.like(catalogue.data, { episodeId: id });
  t.is(new URL(catalogue.uri).origin, served.url, 'the link resolves on the gateway\'s origin');
  const guidance = await (await productions[0]!.follow('guidance')).get();
  t.like(guidance.data, { episodeId: id });
  t.is(typeof (guidance.data as { restricted: unknown }).restricted, 'boolean');
  const next = await page.follow('next');
  t.regex(next.uri, /page=2/);
});
