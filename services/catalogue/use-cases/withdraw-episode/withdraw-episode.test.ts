import test from 'ava';
import { CatalogueError } from '../../domain/catalogue-error.ts';
import type { Episode } from '../../domain/episode.ts';
import { createInMemoryCatalogueRepository } from '../../store/in-memory-catalogue-repository.ts';
import { makeWithdrawEpisode } from './withdraw-episode.ts';

const clock = { now: () => new Date('2026-03-01T12:00:00Z') };
const published: Episode = {
  episodeId: 5,
  programmeId: 1,
  programmeTitle: 'Vera',
  channel: 'ITV',
  title: 'Hidden Depths',
  synopsis: 'DCI Vera Stanhope investigates.',
  seriesNumber: 1,
  orderInSeries: 1,
  orderInProgramme: 1,
  durationSeconds: 5400,
  status: 'published',
  version: 1,
};

const given = async () => {
  const repository = createInMemoryCatalogueRepository();
  await repository.save(
    { programmes: [{ programmeId: 1, title: 'Vera', channel: 'ITV', synopsis: 'A detective.', version: 1 }], episodes: [published] },
    [],
  );
  return { repository, withdrawEpisode: makeWithdrawEpisode({ repository, clock }) };
};

test('given a published episode, when it is withdrawn at its version, then it stays readable as withdrawn', async (t) => {
  const { repository, withdrawEpisode } = await given();
  const episode = await withdrawEpisode({ episodeId: 5, version: 1 });
  t.deepEqual(episode, { ...published, status: 'withdrawn', version: 2 });
  t.deepEqual(await repository.findEpisode(5), episode);
  t.deepEqual(
    repository.outbox.map((e) => [e.type, e.version]),
    [['catalogue.episode.withdrawn', 2]],
  );
  t.like(repository.outbox[0]!.data, { status: 'withdrawn' });
});

test('withdrawing at a stale version, twice, or an unknown episode is refused and emits nothing more', async (t) => {
  const { repository, withdrawEpisode } = await given();
  const code = async (promise: Promise<unknown>) => ((await t.throwsAsync(promise, { instanceOf: CatalogueError })) as CatalogueError).code;
  t.is(await code(withdrawEpisode({ episodeId: 5, version: 3 })), 'stale-version');
  await withdrawEpisode({ episodeId: 5, version: 1 });
  t.is(await code(withdrawEpisode({ episodeId: 5, version: 2 })), 'episode-already-withdrawn');
  t.is(await code(withdrawEpisode({ episodeId: 6, version: 1 })), 'episode-not-found');
  t.is(repository.outbox.length, 1);
});
