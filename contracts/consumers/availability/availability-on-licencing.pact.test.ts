import test from 'ava';
import { MatchersV3 } from '@pact-foundation/pact';
import { resetPact } from '../../support/pact-files.ts';
import { consumeDelivered as consume, readWholeFeed } from './availability-consumer.ts';
import { feedItem, feedPage, message } from './availability-interactions.ts';
import { AVAILABILITY, licenceEvent } from './event-templates.ts';

test.before(() => resetPact(AVAILABILITY, 'licencing'));

test.serial('availability reads the licencing feed and projects every licence on it', async (t) => {
  await feedPage(
    'licencing',
    'an editor has granted a licence',
    MatchersV3.eachLike(feedItem(licenceEvent('licencing.licence.granted', 'any'))),
  ).executeTest(async (server) => {
    const { events, store } = await readWholeFeed('licencing', server.url);
    t.is(events, 1);
    t.is((await store.getEpisode(123456))?.licences.length, 1);
  });
});

for (const [type, state, status] of [
  ['licencing.licence.granted', 'an editor grants a licence', 'active'],
  ['licencing.licence.window-amended', 'an editor amends a licence window', 'active'],
  ['licencing.licence.revoked', 'an editor revokes a licence', 'revoked'],
] as const) {
  test.serial(`availability updates the episode's windows on ${type}`, async (t) => {
    await message('licencing', state, type, licenceEvent(type, status)).executeTest(async (m) => {
      const episode = await consume(m);
      t.is(episode.episodeId, 123456);
      t.true(Array.isArray(episode.licences));
    });
  });
}
