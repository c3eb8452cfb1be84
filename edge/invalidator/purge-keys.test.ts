import test from 'ava';
import { newEvent } from '#platform/messaging/event-envelope';
import { createListingMemory, keysForEvent } from './purge-keys.ts';

const event = (type: string, subject: string, data: unknown, version = 2) => ({
  ...newEvent({ source: `/${type.split('.')[0]}`, type, subject, version, data }),
  position: 5,
});

test("a licence event purges the licence, its episode's licences, the episode's availability and every list of its platform", (t) => {
  const keys = keysForEvent(
    event('licencing.licence.revoked', '/licencing/licences/L1', { licenceId: 'L1', episodeId: 7, platform: 'ios', status: 'revoked' }),
  );
  t.deepEqual(
    keys.sort(),
    [
      '/availability/episodes/7',
      '/availability/episodes?platform=ios',
      '/licencing/licences',
      '/licencing/licences/L1',
      '/licencing/licences?episode=7',
    ].sort(),
  );
});

test("an episode event purges the episode, its programme's lists and every availability list, for any platform", (t) => {
  const keys = keysForEvent(event('catalogue.episode.withdrawn', '/catalogue/episodes/7', { episodeId: 7, programmeId: 3 }));
  t.deepEqual(
    keys.sort(),
    [
      '/availability/episodes',
      '/availability/episodes/7',
      '/catalogue/episodes',
      '/catalogue/episodes/7',
      '/catalogue/programmes/3/episodes',
    ].sort(),
  );
});

test('a programme revision purges the programme and its episode lists, but no availability list: its episodes each get their own event', (t) => {
  const keys = keysForEvent(event('catalogue.programme.revised', '/catalogue/programmes/3', { programmeId: 3, title: 'Vera' }));
  t.deepEqual(keys.sort(), ['/catalogue/programmes', '/catalogue/programmes/3', '/catalogue/programmes/3/episodes'].sort());
});

test('an episode revision that keeps its programme title, channel and status purges only the lists holding it; any doubt purges every list', (t) => {
  const listsMayChange = createListingMemory();
  const episode = (version: number, changes: Record<string, unknown> = {}, type = 'catalogue.episode.revised') =>
    keysForEvent(
      event(
        type,
        '/catalogue/episodes/7',
        { episodeId: 7, programmeId: 3, programmeTitle: 'Vera', channel: 'ITV', status: 'published', synopsis: `v${version}`, ...changes },
        version,
      ),
      listsMayChange,
    ).includes('/availability/episodes');
  t.true(episode(1, {}, 'catalogue.episode.published'), 'first seen: not known what lists held it before');
  t.false(episode(2), 'a new synopsis moves it in no list');
  t.false(episode(3, { title: 'Another episode title' }), "the episode's own title is not what lists sort or search");
  t.true(episode(4, { programmeTitle: 'Vera Stanhope' }), 'a new programme title moves it, and changes which searches find it');
  t.true(episode(5, { programmeTitle: 'Vera Stanhope', channel: 'BBC One' }), 'a new channel');
  t.true(episode(6, { programmeTitle: 'Vera Stanhope', channel: 'BBC One', status: 'withdrawn' }, 'catalogue.episode.withdrawn'));
  t.true(
    episode(8, { programmeTitle: 'Vera Stanhope', channel: 'BBC One', status: 'withdrawn' }),
    'after a gap in versions, not known what changed',
  );
  t.true(episode(8, { programmeTitle: 'Vera Stanhope', channel: 'BBC One', status: 'withdrawn' }), 'a redelivery is not a successor');
  t.false(episode(9, { programmeTitle: 'Vera Stanhope', channel: 'BBC One', status: 'withdrawn' }));
  t.true(episode(10, { channel: undefined }), 'data that does not say');
});

test("a guidance change purges the guidance and the episode's availability, lists holding it included, but no other list", (t) => {
  const keys = keysForEvent(
    event('guidance.episode.guidance-set', '/guidance/episodes/7', { episodeId: 7, restricted: true, message: 'x' }),
  );
  t.deepEqual(keys.sort(), ['/availability/episodes/7', '/guidance/episodes', '/guidance/episodes/7'].sort());
});

test('an event whose data is not what it should be still purges its subject, and never a malformed key', (t) => {
  t.deepEqual(keysForEvent(event('guidance.episode.guidance-set', '/guidance/episodes/7', 'nonsense')).sort(), [
    '/guidance/episodes',
    '/guidance/episodes/7',
  ]);
  t.deepEqual(keysForEvent(event('licencing.licence.granted', '/licencing/licences/a b', { platform: 'Not A Platform!' })), [
    '/licencing/licences',
    '/availability/episodes',
  ]);
});
