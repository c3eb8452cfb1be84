import test from 'ava';
import { createInMemoryCatalogueRepository } from '../../store/in-memory-catalogue-repository.ts';
import { makePublishProgramme, type PublishProgrammeCommand } from './publish-programme.ts';

const clock = { now: () => new Date('2026-03-01T12:00:00Z') };
const downton: PublishProgrammeCommand = {
  programmeId: 1,
  title: 'Downton Abbey',
  channel: 'ITV',
  synopsis: 'The Crawleys.',
  precondition: { kind: 'none' },
};

const EPISODE = {
  programmeId: 1,
  programmeTitle: 'Downton Abbey',
  channel: 'ITV',
  title: 'Ep',
  synopsis: 'S',
  seriesNumber: 1,
  orderInSeries: 1,
  durationSeconds: 60,
  status: 'published' as const,
  version: 1,
};

const given = async () => {
  const repository = createInMemoryCatalogueRepository();
  const publishProgramme = makePublishProgramme({ repository, clock });
  await publishProgramme(downton);
  const episode = (episodeId: number) => ({ ...EPISODE, episodeId, orderInProgramme: episodeId });
  await repository.save({ episodes: [episode(11), { ...episode(12), status: 'withdrawn' as const }] }, []);
  return { repository, publishProgramme };
};

test('publishing a new programme emits catalogue.programme.published with its full state', async (t) => {
  const repository = createInMemoryCatalogueRepository();
  const { programme, created } = await makePublishProgramme({ repository, clock })({ ...downton, title: '  Downton Abbey ' });
  t.true(created);
  t.like(programme, { title: 'Downton Abbey', version: 1 });
  t.deepEqual(
    repository.outbox.map((e) => [e.type, e.subject, e.time]),
    [['catalogue.programme.published', '/catalogue/programmes/1', '2026-03-01T12:00:00.000Z']],
  );
  t.deepEqual(repository.outbox[0]!.data, { programmeId: 1, title: 'Downton Abbey', channel: 'ITV', synopsis: 'The Crawleys.' });
});

test('given a programme with a published and a withdrawn episode, when its channel is revised, then both are revised in the same save', async (t) => {
  const { repository, publishProgramme } = await given();
  const before = repository.outbox.length;
  await publishProgramme({ ...downton, channel: 'ITV3', precondition: { kind: 'update', version: 1 } }, '00-trace-01');
  const events = repository.outbox.slice(before);
  t.deepEqual(
    events.map((e) => [e.type, e.subject, e.version]),
    [
      ['catalogue.programme.revised', '/catalogue/programmes/1', 2],
      ['catalogue.episode.revised', '/catalogue/episodes/11', 2],
      ['catalogue.episode.revised', '/catalogue/episodes/12', 2],
    ],
  );
  t.true(events.every((e) => e.traceparent === '00-trace-01'));
  t.like(await repository.findEpisode(12), { channel: 'ITV3', status: 'withdrawn', version: 2 });
});

test('given a programme with episodes, when only its synopsis is revised, then its episodes are left alone', async (t) => {
  const { repository, publishProgramme } = await given();
  const before = repository.outbox.length;
  await publishProgramme({ ...downton, synopsis: 'Upstairs, downstairs.', precondition: { kind: 'update', version: 1 } });
  t.deepEqual(
    repository.outbox.slice(before).map((e) => e.type),
    ['catalogue.programme.revised'],
  );
  t.like(await repository.findEpisode(11), { version: 1 });
});

test('a revision without a version, at a stale one, or with a bad channel is refused and changes nothing', async (t) => {
  const { repository, publishProgramme } = await given();
  const before = repository.outbox.length;
  await t.throwsAsync(publishProgramme({ ...downton, title: 'X' }), { instanceOf: Error, message: /If-Match/ });
  await t.throwsAsync(publishProgramme({ ...downton, title: 'X', precondition: { kind: 'update', version: 9 } }), { message: /changed/ });
  await t.throwsAsync(publishProgramme({ ...downton, channel: 'I T V!', precondition: { kind: 'update', version: 1 } }), {
    message: /channel/,
  });
  await t.throwsAsync(publishProgramme({ ...downton, programmeId: 0 }), { message: /Programme ids/ });
  t.is(repository.outbox.length, before);
  t.like(await repository.findProgramme(1), { title: 'Downton Abbey', version: 1 });
});
