import test from 'ava';
import { MatchersV3 } from '@pact-foundation/pact';
import { resetPact } from '../../support/pact-files.ts';
import { consumeDelivered as consume, readWholeFeed } from './availability-consumer.ts';
import { feedItem, feedPage, message } from './availability-interactions.ts';
import { AVAILABILITY, guidanceEvent } from './event-templates.ts';

test.before(() => resetPact(AVAILABILITY, 'guidance'));

test.serial('availability reads the guidance feed and projects every event on it', async (t) => {
  const events = MatchersV3.arrayContaining(feedItem(guidanceEvent(true)), feedItem(guidanceEvent(false)));
  await feedPage('guidance', 'an editor has restricted one episode and not another', events).executeTest(async (server) => {
    const { events: read, store } = await readWholeFeed('guidance', server.url);
    t.is(read, 2);
    t.like(await store.getEpisode(123456), { restricted: true, guidanceMessage: 'Contains Strong Language' });
  });
});

test.serial('availability marks an episode restricted on guidance.episode.guidance-set', async (t) => {
  await message('guidance', 'an editor restricts an episode', 'guidance.episode.guidance-set', guidanceEvent(true)).executeTest(async (m) =>
    t.like(await consume(m), { restricted: true, guidanceMessage: 'Contains Strong Language' }),
  );
});

test.serial('availability lifts a restriction on guidance.episode.guidance-set with no message', async (t) => {
  await message('guidance', "an editor lifts an episode's restriction", 'guidance.episode.guidance-set', guidanceEvent(false)).executeTest(
    async (m) => t.like(await consume(m), { restricted: false, guidanceMessage: null }),
  );
});
