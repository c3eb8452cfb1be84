import type { ExecutionContext, TestFn } from 'ava';
import { createProjector } from '../consumers/projector.ts';
import type { AvailabilityStore } from '../domain/availability-store.ts';
import type { EpisodeQuery } from '../domain/episode-query.ts';
import { episodeEvent, guidanceEvent, licenceEvent, licenceId } from '../testing/event-builders.ts';

/** Returns a fresh, empty store; or, when the adapter's server is absent, why it is skipped. */
export type StoreFactory = (() => Promise<AvailabilityStore>) | { readonly skip: string };

const at = new Date('2026-03-01T00:00:00Z');
const page = (q: Partial<EpisodeQuery> = {}): EpisodeQuery => ({ platform: 'ios', at, page: 1, size: 20, ...q });
const window = { startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z' };
const ids = (p: { items: readonly { episodeId: number }[] }) => p.items.map((d) => d.episodeId);

/**
 * The behaviour every AvailabilityStore adapter must show, run against each one so the
 * in-memory store cannot drift from MongoDB. Events go through the real projector.
 */
export const availabilityStoreContract = (test: TestFn, adapter: string, factory: StoreFactory) => {
  if ('skip' in factory) {
    test(`${adapter}: the contract suite is SKIPPED`, (t) => {
      t.log(`SKIPPED ${adapter}: ${factory.skip}`);
      t.pass();
    });
  }
  const run = (title: string, events: unknown[], check: (store: AvailabilityStore, t: ExecutionContext) => Promise<void>) =>
    ('skip' in factory ? test.skip : test)(`${adapter}: ${title}`, async (t) => {
      if ('skip' in factory) return;
      const store = await factory();
      await createProjector({ store, clock: () => at }).applyLive(events);
      try {
        await check(store, t);
      } finally {
        await store.close();
      }
    });

  run('lists a published episode licensed on the platform, not on another', [episodeEvent({ episodeId: 1, programmeTitle: 'Downton Abbey' }), licenceEvent({ licenceId: licenceId(1), episodeId: 1, ...window })], async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page())), [1]);
    t.deepEqual(ids(await store.findEpisodes(page({ platform: 'android' }))), []);
  });

  run('ignores a duplicate and an older version', [
    episodeEvent({ episodeId: 1, programmeTitle: 'New Title', title: 'New Episode' }, 3),
    episodeEvent({ episodeId: 1, programmeTitle: 'Old Title', title: 'Old Episode' }, 2),
    episodeEvent({ episodeId: 1, programmeTitle: 'New Title', title: 'New Episode' }, 3),
  ], async (store, t) => {
    const doc = await store.getEpisode(1);
    t.is(doc?.title, 'New Title');
    t.is(doc?.episodeTitle, 'New Episode');
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'old' }))), []);
    t.is(doc?.versions.catalogue, 3);
  });

  run('keeps guidance that arrives before the episode', [guidanceEvent(2, true, 'Contains Strong Language'), episodeEvent({ episodeId: 2 })], async (store, t) => {
    const doc = await store.getEpisode(2);
    t.true(doc?.restricted);
    t.is(doc?.guidanceMessage, 'Contains Strong Language');
    t.true(doc?.published);
  });

  run('a revoked licence is not revived by an older grant arriving late', [
    episodeEvent({ episodeId: 3 }),
    licenceEvent({ licenceId: licenceId(3), episodeId: 3, ...window, status: 'revoked' }, 2),
    licenceEvent({ licenceId: licenceId(3), episodeId: 3, ...window }, 1),
  ], async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page())), []);
  });

  run('an amended window replaces the old one', [
    episodeEvent({ episodeId: 4 }),
    licenceEvent({ licenceId: licenceId(4), episodeId: 4, ...window }, 1),
    licenceEvent({ licenceId: licenceId(4), episodeId: 4, startDate: '2025-01-01T00:00:00Z', endDate: '2025-02-01T00:00:00Z' }, 2),
  ], async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page())), []);
    const doc = await store.getEpisode(4);
    t.is(doc?.licences.length, 1);
    t.is(doc?.licences[0]?.end.toISOString(), '2025-02-01T00:00:00.000Z');
  });

  run('a withdrawn episode leaves the answers', [
    episodeEvent({ episodeId: 5 }, 1),
    licenceEvent({ licenceId: licenceId(5), episodeId: 5, ...window }),
    episodeEvent({ episodeId: 5, status: 'withdrawn' }, 2),
  ], async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page())), []);
  });

  const catalogue = [
    [10, 'Downton Abbey', 'ITV'], [11, 'The Abbey Road', 'ITV'], [12, 'Élan Vital', 'ITV'], [13, '24 Hours in A&E', 'C4'],
    [14, 'a.b*c (d)', 'ITV'], [15, 'Coronation Street', 'ITV'], [16, 'Downtown', 'ITV'],
  ] as const;
  const catalogueEvents = catalogue.flatMap(([id, title, channel]) => [
    episodeEvent({ episodeId: id, programmeTitle: title, title: `Series 1, Episode ${id}`, channel }),
    licenceEvent({ licenceId: licenceId(id), episodeId: id, ...window }),
  ]);

  run('searches word prefixes literally, case- and accent-insensitively, in title order', catalogueEvents, async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'down' }))), [10, 16]);
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'abbey' }))), [10, 11]);
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'elan' }))), [12]);
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: '.*' }))), []);
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'x' }))), []);
  });

  run('titles a production by its programme, not by the episode\'s own title', catalogueEvents, async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'series' }))), []);
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'episode' }))), []);
    t.like(await store.getEpisode(10), { title: 'Downton Abbey', episodeTitle: 'Series 1, Episode 10' });
  });

  run('a revised programme title moves the production in search and title order', [
    ...catalogueEvents,
    episodeEvent({ episodeId: 10, programmeTitle: 'Zorro', channel: 'ITV' }, 2),
  ], async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'down' }))), [16]);
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'zor' }))), [10]);
    t.deepEqual(ids(await store.findEpisodes(page())), [13, 14, 15, 16, 12, 11, 10]);
  });

  run('filters by channel, sorts digits first and pages with a total', catalogueEvents, async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page({ channel: 'C4' }))), [13]);
    const all = await store.findEpisodes(page());
    t.deepEqual(ids(all), [13, 14, 15, 10, 16, 12, 11]);
    const second = await store.findEpisodes(page({ page: 2, size: 3 }));
    t.deepEqual(ids(second), [10, 16, 12]);
    t.is(second.total, 7);
  });

  run('reports the next window edge among the matches', [
    episodeEvent({ episodeId: 20 }),
    licenceEvent({ licenceId: licenceId(20), episodeId: 20, ...window }),
    episodeEvent({ episodeId: 21 }),
    licenceEvent({ licenceId: licenceId(21), episodeId: 21, startDate: '2026-03-05T00:00:00Z', endDate: '2026-03-09T00:00:00Z' }),
  ], async (store, t) => {
    const result = await store.findEpisodes(page());
    t.is(result.nextBoundary?.toISOString(), '2026-03-05T00:00:00.000Z');
  });

  run('filters what plays at the instant (available) from what is coming, windows half-open', [
    episodeEvent({ episodeId: 50, programmeTitle: 'Playing' }),
    licenceEvent({ licenceId: licenceId(50), episodeId: 50, ...window }),
    episodeEvent({ episodeId: 51, programmeTitle: 'Coming' }),
    licenceEvent({ licenceId: licenceId(51), episodeId: 51, startDate: '2026-03-05T00:00:00Z', endDate: '2026-03-09T00:00:00Z' }),
    episodeEvent({ episodeId: 52, programmeTitle: 'Back again' }),
    licenceEvent({ licenceId: licenceId(52), episodeId: 52, startDate: '2026-01-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z' }),
    licenceEvent({ licenceId: licenceId(53), episodeId: 52, startDate: '2026-03-01T00:00:01Z', endDate: '2026-05-01T00:00:00Z' }),
    episodeEvent({ episodeId: 54, programmeTitle: 'Over' }),
    licenceEvent({ licenceId: licenceId(54), episodeId: 54, startDate: '2026-01-01T00:00:00Z', endDate: '2026-03-01T00:00:00Z' }),
  ], async (store, t) => {
    const answer = async (q: Partial<EpisodeQuery>) => {
      const found = await store.findEpisodes(page(q));
      return [found.total, ids(found)];
    };
    t.deepEqual(await answer({}), [3, [52, 51, 50]]);
    t.deepEqual(await answer({ available: true }), [1, [50]]);
    t.deepEqual(await answer({ available: false }), [2, [52, 51]]);
    t.deepEqual(await answer({ available: false, prefix: 'back' }), [1, [52]]);
    t.deepEqual(await answer({ available: true, prefix: 'back' }), [0, []]);
    t.deepEqual(await answer({ available: true, at: new Date('2026-03-01T00:00:01Z') }), [2, [52, 50]]);
    t.deepEqual(await answer({ available: true, at: new Date('2026-03-05T00:00:00Z'), page: 2, size: 2 }), [3, [50]]);
    t.deepEqual(await answer({ available: false, at: new Date('2026-03-05T00:00:00Z') }), [0, []]);
    t.deepEqual(await answer({ available: true, channel: 'C4' }), [0, []]);
  });

  run('a rebuild is invisible until committed, then replaces everything', [episodeEvent({ episodeId: 30 }), licenceEvent({ licenceId: licenceId(30), episodeId: 30, ...window })], async (store, t) => {
    const staging = await store.beginRebuild();
    await createProjector({ store: staging, clock: () => at }).applyFeedPage([episodeEvent({ episodeId: 31 }, 1, 7), licenceEvent({ licenceId: licenceId(31), episodeId: 31, ...window }, 1, 8)]);
    t.deepEqual(ids(await store.findEpisodes(page())), [30]);
    await staging.commit();
    t.deepEqual(ids(await store.findEpisodes(page())), [31]);
    const positions = await store.positions();
    t.is(positions.catalogue.checkpoint, 7);
    t.is(positions.licencing.checkpoint, 8);
  });

  run('live events move the position but not the feed checkpoint', [episodeEvent({ episodeId: 40 }, 1, 900)], async (store, t) => {
    const positions = await store.positions();
    t.is(positions.catalogue.position, 900);
    t.is(positions.catalogue.checkpoint, 0);
    t.deepEqual(await store.counts(), { episodes: 1, listedEpisodes: 0, licences: 0 });
  });
};
