import type { ExecutionContext, TestFn } from 'ava';
import type { Episode } from '../domain/episode.ts';
import type { CatalogueRepository } from '../domain/ports.ts';
import type { Programme } from '../domain/programme.ts';
import { EPISODE_PUBLISHED, episodeEvent, programmeChanged } from '../messages/catalogue-events.ts';

const at = new Date('2026-01-01T00:00:00Z');
const programme = (programmeId: number, version = 1, title = 'Downton Abbey', channel = 'ITV'): Programme => ({
  programmeId,
  title,
  channel,
  synopsis: 'The Crawley family and their servants.',
  version,
});
const episode = (episodeId: number, owner: Programme, version = 1, orderInProgramme = episodeId): Episode => ({
  episodeId,
  programmeId: owner.programmeId,
  programmeTitle: owner.title,
  channel: owner.channel,
  title: `Episode ${episodeId}`,
  synopsis: 'Things happen at Downton.',
  seriesNumber: 1,
  orderInSeries: 1,
  orderInProgramme,
  durationSeconds: 2820,
  status: 'published',
  version,
});
const published = (e: Episode) => episodeEvent(EPISODE_PUBLISHED, e, at);

/**
 * The behaviour every CatalogueRepository adapter must have. Each adapter's test file runs it
 * with a factory that returns a fresh, empty repository (or undefined to skip).
 */
export const catalogueRepositoryContract = (
  test: TestFn,
  name: string,
  fresh: (t: ExecutionContext) => Promise<CatalogueRepository | undefined>,
) => {
  test(`${name}: a saved programme and episode are found again, with positioned events`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const downton = programme(10);
    const first = episode(123456, downton);
    const events = await repo.save({ programmes: [downton], episodes: [first] }, [programmeChanged(downton, at), published(first)]);
    t.deepEqual(await repo.findProgramme(10), downton);
    t.deepEqual(await repo.findEpisode(123456), first);
    t.is(events.length, 2);
    t.true(events[0]!.position > 0 && events[1]!.position > events[0]!.position);
    t.is(await repo.findProgramme(11), undefined);
    t.is(await repo.findEpisode(999), undefined);
  });

  test(`${name}: an update applies only on top of the version it names`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const p1 = programme(1);
    await repo.save({ programmes: [p1], episodes: [episode(5, p1)] }, []);
    const withdrawn = { ...episode(5, p1, 2), status: 'withdrawn' as const };
    await repo.save({ episodes: [withdrawn] }, [published(withdrawn)]);
    await t.throwsAsync(repo.save({ episodes: [episode(5, p1, 2)] }, [published(episode(5, p1, 2))]), { message: /changed/ });
    await t.throwsAsync(repo.save({ episodes: [episode(5, p1, 1)] }, []), { message: /changed/ });
    await t.throwsAsync(repo.save({ programmes: [programme(1, 3)] }, []), { message: /changed/ });
    t.deepEqual(await repo.findEpisode(5), withdrawn);
  });

  test(`${name}: an episode of a programme not in the catalogue is refused and nothing is kept`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    await t.throwsAsync(repo.save({ episodes: [episode(7, programme(404))] }, [published(episode(7, programme(404)))]), {
      message: /not in the catalogue/,
    });
    t.is(await repo.findEpisode(7), undefined);
    const feed = await repo.save({ programmes: [programme(2)] }, [programmeChanged(programme(2), at)]);
    t.is(feed.length, 1);
  });

  test(`${name}: an episode carrying an out-of-date programme title is refused as stale`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    await repo.save({ programmes: [programme(3)] }, []);
    await t.throwsAsync(repo.save({ episodes: [episode(8, programme(3, 1, 'Old title'))] }, []), { message: /changed/ });
    t.is(await repo.findEpisode(8), undefined);
  });

  test(`${name}: a programme revision commits with its episodes, or not at all when one is left behind`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const before = programme(4);
    await repo.save({ programmes: [before], episodes: [episode(41, before), episode(42, before)] }, []);
    const renamed = programme(4, 2, 'Downton', 'ITV3');
    await t.throwsAsync(repo.save({ programmes: [renamed], episodes: [episode(41, renamed, 2)] }, []), { message: /changed/ });
    t.deepEqual(await repo.findProgramme(4), before);
    t.deepEqual(await repo.findEpisode(41), episode(41, before));
    await repo.save({ programmes: [renamed], episodes: [episode(41, renamed, 2), episode(42, renamed, 2)] }, []);
    t.deepEqual(
      (await repo.episodesOfProgramme(4)).map((e) => [e.channel, e.version]),
      [
        ['ITV3', 2],
        ['ITV3', 2],
      ],
    );
  });

  test(`${name}: lists programmes by id, filtered by channel, with a total`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    for (const [id, channel] of [
      [30, 'ITV'],
      [10, 'ITV2'],
      [20, 'ITV'],
      [40, 'ITV'],
    ] as const)
      await repo.save({ programmes: [programme(id, 1, `P${id}`, channel)] }, []);
    const page = await repo.listProgrammes({ channel: 'ITV' }, 1, 1);
    t.is(page.total, 3);
    t.deepEqual(
      page.items.map((p) => p.programmeId),
      [30],
    );
    t.is((await repo.listProgrammes({}, 0, 10)).total, 4);
    t.is((await repo.listProgrammes({ channel: 'CITV' }, 0, 10)).total, 0);
  });

  test(`${name}: lists episodes by id, or by order in programme within one programme`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const a = programme(1);
    const b = programme(2, 1, 'Vera');
    await repo.save(
      { programmes: [a, b], episodes: [episode(3, a, 1, 2), episode(1, b, 1, 1), episode(2, a, 1, 1), episode(4, a, 1, 2)] },
      [],
    );
    t.deepEqual(
      (await repo.listEpisodes({}, 0, 10)).items.map((e) => e.episodeId),
      [1, 2, 3, 4],
    );
    const ofA = await repo.listEpisodes({ programmeId: 1 }, 1, 5);
    t.is(ofA.total, 3);
    t.deepEqual(
      ofA.items.map((e) => e.episodeId),
      [3, 4],
    );
    t.deepEqual(
      (await repo.episodesOfProgramme(1)).map((e) => e.episodeId),
      [2, 3, 4],
    );
    t.deepEqual(await repo.episodesOfProgramme(99), []);
  });

  test(`${name}: events get increasing positions in save order`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const positions: number[] = [];
    for (const id of [3, 1, 2])
      positions.push(...(await repo.save({ programmes: [programme(id)] }, [programmeChanged(programme(id), at)])).map((e) => e.position));
    t.deepEqual(
      [...positions].sort((x, y) => x - y),
      positions,
    );
    t.is(new Set(positions).size, 3);
  });
};
