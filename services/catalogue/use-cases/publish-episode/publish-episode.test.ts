import test from 'ava';
import { CatalogueError } from '../../domain/catalogue-error.ts';
import { createInMemoryCatalogueRepository } from '../../store/in-memory-catalogue-repository.ts';
import { makePublishEpisode, type PublishEpisodeCommand } from './publish-episode.ts';

const clock = { now: () => new Date('2026-03-01T12:00:00Z') };
const command: PublishEpisodeCommand = {
  episodeId: 123456,
  programmeId: 1,
  title: 'Episode 2',
  synopsis: 'A glittering period drama.',
  seriesNumber: 3,
  orderInSeries: 2,
  orderInProgramme: 23,
  durationSeconds: 2820,
  precondition: { kind: 'create' },
};

const given = async () => {
  const repository = createInMemoryCatalogueRepository();
  await repository.save(
    { programmes: [{ programmeId: 1, title: 'Downton Abbey', channel: 'ITV', synopsis: 'The Crawleys.', version: 1 }] },
    [],
  );
  return { repository, publishEpisode: makePublishEpisode({ repository, clock }) };
};

test('given a programme, when an episode of it is published, then it carries the programme title and channel', async (t) => {
  const { repository, publishEpisode } = await given();
  const { episode, created } = await publishEpisode(command);
  t.true(created);
  t.like(episode, {
    programmeTitle: 'Downton Abbey',
    channel: 'ITV',
    orderInSeries: 2,
    orderInProgramme: 23,
    status: 'published',
    version: 1,
  });
  t.deepEqual(
    repository.outbox.map((e) => e.type),
    ['catalogue.episode.published'],
  );
  t.like(repository.outbox[0]!.data, { episodeId: 123456, programmeTitle: 'Downton Abbey', status: 'published' });
  t.false('version' in (repository.outbox[0]!.data as object));
});

test('given a published episode, when it is revised with its version, then catalogue.episode.revised follows', async (t) => {
  const { repository, publishEpisode } = await given();
  await publishEpisode(command);
  const { episode, created } = await publishEpisode({ ...command, title: 'Revised', precondition: { kind: 'update', version: 1 } });
  t.false(created);
  t.is(episode.version, 2);
  t.is(repository.outbox.at(-1)!.type, 'catalogue.episode.revised');
});

test('given a withdrawn episode, when it is published again with its version, then it is published, not revised', async (t) => {
  const { repository, publishEpisode } = await given();
  const { episode: first } = await publishEpisode(command);
  await repository.save({ episodes: [{ ...first, status: 'withdrawn', version: 2 }] }, []);
  const { episode } = await publishEpisode({ ...command, precondition: { kind: 'update', version: 2 } });
  t.like(episode, { status: 'published', version: 3 });
  t.deepEqual(
    repository.outbox.map((e) => e.type),
    ['catalogue.episode.published', 'catalogue.episode.published'],
  );
});

test('an episode of an unknown programme, or with out-of-range numbers, is refused with its code', async (t) => {
  const { repository, publishEpisode } = await given();
  const code = async (promise: Promise<unknown>) => ((await t.throwsAsync(promise, { instanceOf: CatalogueError })) as CatalogueError).code;
  t.is(await code(publishEpisode({ ...command, programmeId: 2 })), 'unknown-programme');
  t.is(await code(publishEpisode({ ...command, orderInSeries: 0 })), 'invalid-episode');
  t.is(await code(publishEpisode({ ...command, durationSeconds: 86_401 })), 'invalid-episode');
  t.is(await code(publishEpisode({ ...command, seriesNumber: 1.5 })), 'invalid-episode');
  t.is(await code(publishEpisode({ ...command, title: 'x'.repeat(201) })), 'invalid-episode');
  t.is(await code(publishEpisode({ ...command, episodeId: -3 })), 'invalid-episode-id');
  t.is(repository.outbox.length, 0);
});
