import test from 'ava';
import { MatchersV3 } from '@pact-foundation/pact';
import { resetPact } from '../../support/pact-files.ts';
import { consumeDelivered as consume, readWholeFeed } from './availability-consumer.ts';
import { feedItem, feedPage, message } from './availability-interactions.ts';
import { AVAILABILITY, episodeEvent, programmeEvent } from './event-templates.ts';

test.before(() => resetPact(AVAILABILITY, 'catalogue'));

test.serial('availability reads the catalogue feed, skipping programme events and projecting episode events', async (t) => {
  const events = MatchersV3.arrayContaining(feedItem(programmeEvent()), feedItem(episodeEvent('catalogue.episode.published', 'published')));
  await feedPage('catalogue', 'an editor has published a programme and an episode of it', events).executeTest(async (server) => {
    const { events: read, store } = await readWholeFeed('catalogue', server.url);
    t.is(read, 2);
    t.like(await store.getEpisode(123456), { published: true, channel: 'ITV' });
  });
});

test.serial('availability offers an episode on catalogue.episode.published', async (t) => {
  await message(
    'catalogue',
    'an editor publishes an episode',
    'catalogue.episode.published',
    episodeEvent('catalogue.episode.published', 'published'),
  ).executeTest(async (m) => t.like(await consume(m), { episodeId: 123456, published: true }));
});

test.serial('availability takes the new title and channel on catalogue.episode.revised', async (t) => {
  await message(
    'catalogue',
    'an editor revises an episode',
    'catalogue.episode.revised',
    episodeEvent('catalogue.episode.revised', 'published'),
  ).executeTest(async (m) => t.like(await consume(m), { published: true, channel: 'ITV' }));
});

test.serial('availability stops offering an episode on catalogue.episode.withdrawn', async (t) => {
  await message(
    'catalogue',
    'an editor withdraws an episode',
    'catalogue.episode.withdrawn',
    episodeEvent('catalogue.episode.withdrawn', 'withdrawn'),
  ).executeTest(async (m) => t.like(await consume(m), { published: false }));
});
