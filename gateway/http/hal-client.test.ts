import test from 'ava';
import { Ketting } from 'ketting';
import { serveGatewayOverFakes, V1, V2 } from '../testing/serve-gateway.ts';

/**
 * A stock HAL client walks the gateway: Ketting (npm `ketting`) told once that the versioned
 * media type is HAL, the way docs/gateway.md says, and otherwise used as it comes.
 */
const walk = test.macro(async (t, version: 1 | 2) => {
  const mediaType = version === 1 ? V1 : V2;
  const served = await serveGatewayOverFakes({
    count: 30,
    upstreamTimeoutMs: 2_000,
    deadlineMs: 5_000,
    passthrough: ['catalogue', 'guidance', 'licencing', 'availability'],
  });
  t.teardown(() => served.close());
  const client = new Ketting(`${served.url}/vod`);
  const hal = client.contentTypeMap['application/hal+json']![0];
  client.contentTypeMap[mediaType] = [hal, '1.0'];

  const root = client.go();
  const page = await root.follow('episodes', { channel: 'ITV' });
  t.regex(page.uri, /\/vod\/ios\/episodes\?channel=ITV$/);
  const productions = await page.followAll('productions');
  t.true(productions.length > 0);
  const episode = await productions[0]!.get();
  t.is(episode.contentHeaders().get('Content-Type'), mediaType);
  if (version === 2) t.like(episode.data, { available: true, window: { status: 'known' } });
  else
    t.true(
      (episode.data as { available: boolean }).available && typeof (episode.data as { endDate: unknown }).endDate === 'string',
      'v1 is flat',
    );
  const id = (episode.data as { episodeId: number }).episodeId;
  t.is(new URL(episode.uri).pathname, `/vod/ios/episodes/${id}`);

  const catalogue = await (await productions[0]!.follow('catalogue')).get();
  t.like(catalogue.data, { episodeId: id });
  t.is(new URL(catalogue.uri).origin, served.url, "the link resolves on the gateway's origin");
  const guidance = await (await productions[0]!.follow('guidance')).get();
  t.like(guidance.data, { episodeId: id });
  t.is(typeof (guidance.data as { restricted: unknown }).restricted, 'boolean');
  const next = await page.follow('next');
  t.regex(next.uri, /page=2/);
});

test('Ketting told v1 is HAL walks from /vod to an episode and follows its catalogue and guidance links', walk, 1);
test('Ketting told v2 is HAL walks from /vod to an episode and follows its catalogue and guidance links', walk, 2);
