import test from 'ava';
import { newEvent } from '#platform/messaging/event-envelope';
import { keysForEvent } from './purge-keys.ts';

const event = (type: string, subject: string, data: unknown) => ({
  ...newEvent({ source: `/${type.split('.')[0]}`, type, subject, version: 2, data }),
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

test('a programme revision purges the programme, whose title availability answers show, and every list', (t) => {
  const keys = keysForEvent(event('catalogue.programme.revised', '/catalogue/programmes/3', { programmeId: 3, title: 'Vera' }));
  t.deepEqual(
    keys.sort(),
    ['/availability/episodes', '/catalogue/programmes', '/catalogue/programmes/3', '/catalogue/programmes/3/episodes'].sort(),
  );
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
