import type { ExecutionContext, TestFn } from 'ava';
import { createProjector } from '../consumers/projector.ts';
import type { AvailabilityStore } from '../domain/availability-store.ts';
import type { EpisodeQuery } from '../domain/episode-query.ts';
import { episodeEvent, guidanceEvent, licenceEvent, licenceId } from '../testing/event-builders.ts';

/**
 * Returns a fresh, empty store whose "now" is `clock` (an adapter may ignore it); or, when the
 * adapter's server is absent, why it is skipped.
 */
export type StoreFactory = ((options: { readonly clock: () => Date }) => Promise<AvailabilityStore>) | { readonly skip: string };

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
  const run = (
    title: string,
    events: unknown[],
    check: (store: AvailabilityStore, t: ExecutionContext, clock: { now: Date }) => Promise<void>,
  ) =>
    ('skip' in factory ? test.skip : test)(`${adapter}: ${title}`, async (t) => {
      if ('skip' in factory) return;
      const clock = { now: at };
      const store = await factory({ clock: () => clock.now });
      // Closed whatever fails after it opened, applying the events included: an open client would hang the run.
      try {
        await createProjector({ store, clock: () => at }).applyLive(events);
        await check(store, t, clock);
      } finally {
        await store.close();
      }
    });

  run(
    'lists a published episode licensed on the platform, not on another',
    [episodeEvent({ episodeId: 1, programmeTitle: 'Downton Abbey' }), licenceEvent({ licenceId: licenceId(1), episodeId: 1, ...window })],
    async (store, t) => {
      t.deepEqual(ids(await store.findEpisodes(page())), [1]);
      t.deepEqual(ids(await store.findEpisodes(page({ platform: 'android' }))), []);
    },
  );

  run(
    'ignores a duplicate and an older version',
    [
      episodeEvent({ episodeId: 1, programmeTitle: 'New Title', title: 'New Episode' }, 3),
      episodeEvent({ episodeId: 1, programmeTitle: 'Old Title', title: 'Old Episode' }, 2),
      episodeEvent({ episodeId: 1, programmeTitle: 'New Title', title: 'New Episode' }, 3),
    ],
    async (store, t) => {
      const doc = await store.getEpisode(1);
      t.is(doc?.title, 'New Title');
      t.is(doc?.episodeTitle, 'New Episode');
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'old' }))), []);
      t.is(doc?.versions.catalogue, 3);
    },
  );

  run(
    'keeps guidance that arrives before the episode',
    [guidanceEvent(2, true, 'Contains Strong Language'), episodeEvent({ episodeId: 2 })],
    async (store, t) => {
      const doc = await store.getEpisode(2);
      t.true(doc?.restricted);
      t.is(doc?.guidanceMessage, 'Contains Strong Language');
      t.true(doc?.published);
    },
  );

  run(
    'a revoked licence is not revived by an older grant arriving late',
    [
      episodeEvent({ episodeId: 3 }),
      licenceEvent({ licenceId: licenceId(3), episodeId: 3, ...window, status: 'revoked' }, 2),
      licenceEvent({ licenceId: licenceId(3), episodeId: 3, ...window }, 1),
    ],
    async (store, t) => {
      t.deepEqual(ids(await store.findEpisodes(page())), []);
    },
  );

  run(
    'an amended window replaces the old one',
    [
      episodeEvent({ episodeId: 4 }),
      licenceEvent({ licenceId: licenceId(4), episodeId: 4, ...window }, 1),
      licenceEvent({ licenceId: licenceId(4), episodeId: 4, startDate: '2025-01-01T00:00:00Z', endDate: '2025-02-01T00:00:00Z' }, 2),
    ],
    async (store, t) => {
      t.deepEqual(ids(await store.findEpisodes(page())), []);
      const doc = await store.getEpisode(4);
      t.is(doc?.licences.length, 1);
      t.is(doc?.licences[0]?.end.toISOString(), '2025-02-01T00:00:00.000Z');
    },
  );

  run(
    'a withdrawn episode leaves the answers',
    [
      episodeEvent({ episodeId: 5 }, 1),
      licenceEvent({ licenceId: licenceId(5), episodeId: 5, ...window }),
      episodeEvent({ episodeId: 5, status: 'withdrawn' }, 2),
    ],
    async (store, t) => {
      t.deepEqual(ids(await store.findEpisodes(page())), []);
    },
  );

  const catalogue = [
    [10, 'Downton Abbey', 'ITV'],
    [11, 'The Abbey Road', 'ITV'],
    [12, 'Élan Vital', 'ITV'],
    [13, '24 Hours in A&E', 'C4'],
    [14, 'a.b*c (d)', 'ITV'],
    [15, 'Coronation Street', 'ITV'],
    [16, 'Downtown', 'ITV'],
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

  run("titles a production by its programme, not by the episode's own title", catalogueEvents, async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'series' }))), []);
    t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'episode' }))), []);
    t.like(await store.getEpisode(10), { title: 'Downton Abbey', episodeTitle: 'Series 1, Episode 10' });
  });

  run(
    'a revised programme title moves the production in search and title order',
    [...catalogueEvents, episodeEvent({ episodeId: 10, programmeTitle: 'Zorro', channel: 'ITV' }, 2)],
    async (store, t) => {
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'down' }))), [16]);
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'zor' }))), [10]);
      t.deepEqual(ids(await store.findEpisodes(page())), [13, 14, 15, 16, 12, 11, 10]);
    },
  );

  run('filters by channel, sorts digits first and pages with a total', catalogueEvents, async (store, t) => {
    t.deepEqual(ids(await store.findEpisodes(page({ channel: 'c4' }))), [13]);
    const all = await store.findEpisodes(page());
    t.deepEqual(ids(all), [13, 14, 15, 10, 16, 12, 11]);
    const second = await store.findEpisodes(page({ page: 2, size: 3 }));
    t.deepEqual(ids(second), [10, 16, 12]);
    t.is(second.total, 7);
  });

  run(
    'reports the next window edge among the matches',
    [
      episodeEvent({ episodeId: 20 }),
      licenceEvent({ licenceId: licenceId(20), episodeId: 20, ...window }),
      episodeEvent({ episodeId: 21 }),
      licenceEvent({ licenceId: licenceId(21), episodeId: 21, startDate: '2026-03-05T00:00:00Z', endDate: '2026-03-09T00:00:00Z' }),
    ],
    async (store, t) => {
      const result = await store.findEpisodes(page());
      t.is(result.nextBoundary?.toISOString(), '2026-03-05T00:00:00.000Z');
    },
  );

  run(
    'filters what plays at the instant (available) from what is coming, windows half-open',
    [
      episodeEvent({ episodeId: 50, programmeTitle: 'Playing' }),
      licenceEvent({ licenceId: licenceId(50), episodeId: 50, ...window }),
      episodeEvent({ episodeId: 51, programmeTitle: 'Coming' }),
      licenceEvent({ licenceId: licenceId(51), episodeId: 51, startDate: '2026-03-05T00:00:00Z', endDate: '2026-03-09T00:00:00Z' }),
      episodeEvent({ episodeId: 52, programmeTitle: 'Back again' }),
      licenceEvent({ licenceId: licenceId(52), episodeId: 52, startDate: '2026-01-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z' }),
      licenceEvent({ licenceId: licenceId(53), episodeId: 52, startDate: '2026-03-01T00:00:01Z', endDate: '2026-05-01T00:00:00Z' }),
      episodeEvent({ episodeId: 54, programmeTitle: 'Over' }),
      licenceEvent({ licenceId: licenceId(54), episodeId: 54, startDate: '2026-01-01T00:00:00Z', endDate: '2026-03-01T00:00:00Z' }),
    ],
    async (store, t) => {
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
      t.deepEqual(await answer({ available: true, channel: 'c4' }), [0, []]);
    },
  );

  run(
    'folds letters that do not decompose (Ø, Æ, ß, Œ, Ł) in titles and finds them by their plain spelling',
    [
      episodeEvent({ episodeId: 60, programmeTitle: 'Øresund Bridge' }),
      episodeEvent({ episodeId: 61, programmeTitle: 'Die Straße' }),
      episodeEvent({ episodeId: 62, programmeTitle: 'Łódź Æther Œuvre' }),
      ...[60, 61, 62].map((id) => licenceEvent({ licenceId: licenceId(id), episodeId: id, ...window })),
    ],
    async (store, t) => {
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'oresund' }))), [60]);
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'strasse' }))), [61]);
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'lodz' }))), [62]);
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'aether' }))), [62]);
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'oe' }))), [62]);
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'o' }))), [62, 60]);
    },
  );

  run('counts every match per A to Z group, whatever page is shown', catalogueEvents, async (store, t) => {
    const first = await store.findEpisodes(page({ grouped: true, size: 2 }));
    t.deepEqual(first.groups, [
      { letter: '0-9', count: 1 },
      { letter: 'A', count: 1 },
      { letter: 'C', count: 1 },
      { letter: 'D', count: 2 },
      { letter: 'E', count: 1 },
      { letter: 'T', count: 1 },
    ]);
    t.deepEqual((await store.findEpisodes(page({ grouped: true, page: 4, size: 2 }))).groups, first.groups);
    t.deepEqual((await store.findEpisodes(page({ grouped: true, prefix: 'abbey' }))).groups, [
      { letter: 'D', count: 1 },
      { letter: 'T', count: 1 },
    ]);
    t.deepEqual((await store.findEpisodes(page({ grouped: true, prefix: 'zzz' }))).groups, []);
    t.is((await store.findEpisodes(page())).groups, undefined);
  });

  run(
    'windows open and close as time passes, with no event',
    [
      episodeEvent({ episodeId: 70, programmeTitle: 'Alpha' }),
      licenceEvent({ licenceId: licenceId(70), episodeId: 70, startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-05T00:00:00Z' }),
      episodeEvent({ episodeId: 71, programmeTitle: 'Bravo' }),
      licenceEvent({ licenceId: licenceId(71), episodeId: 71, startDate: '2026-03-03T00:00:00Z', endDate: '2026-03-10T00:00:00Z' }),
      episodeEvent({ episodeId: 72, programmeTitle: 'Charlie' }),
      licenceEvent({ licenceId: licenceId(72), episodeId: 72, startDate: '2026-02-01T00:00:00Z', endDate: '2026-03-02T00:00:00Z' }),
    ],
    async (store, t, clock) => {
      const standing = async (iso: string) => {
        clock.now = new Date(iso);
        const [open, coming] = await Promise.all([true, false].map((available) => store.findEpisodes(page({ at: clock.now, available }))));
        return { open: ids(open!), coming: ids(coming!) };
      };
      t.deepEqual(await standing('2026-03-01T00:00:00Z'), { open: [70, 72], coming: [71] });
      t.deepEqual(await standing('2026-03-02T00:00:00Z'), { open: [70], coming: [71] });
      t.deepEqual(await standing('2026-03-04T00:00:00Z'), { open: [70, 71], coming: [] });
      t.deepEqual(await standing('2026-03-05T00:00:00Z'), { open: [71], coming: [] });
      t.deepEqual(
        ids(await store.findEpisodes(page({ at: new Date('2026-03-01T12:00:00Z') }))),
        [70, 71, 72],
        'an earlier instant still answers as it was',
      );
      t.deepEqual(await standing('2026-03-10T00:00:00Z'), { open: [], coming: [] });
    },
  );

  run(
    'a rebuild is invisible until committed, then replaces everything',
    [episodeEvent({ episodeId: 30 }), licenceEvent({ licenceId: licenceId(30), episodeId: 30, ...window })],
    async (store, t) => {
      const staging = await store.beginRebuild();
      await createProjector({ store: staging, clock: () => at }).applyFeedPage([
        episodeEvent({ episodeId: 31 }, 1, 7),
        licenceEvent({ licenceId: licenceId(31), episodeId: 31, ...window }, 1, 8),
      ]);
      t.deepEqual(ids(await store.findEpisodes(page())), [30]);
      await staging.commit();
      t.deepEqual(ids(await store.findEpisodes(page())), [31]);
      const positions = await store.positions();
      t.is(positions.catalogue.checkpoint, 7);
      t.is(positions.licencing.checkpoint, 8);
    },
  );

  run(
    'a rebuilt episode written many times, and a write landing while the rebuild commits, answer as the live store does',
    [],
    async (store, t) => {
      const staging = await store.beginRebuild();
      const projector = createProjector({ store: staging, clock: () => at });
      await projector.applyFeedPage([
        episodeEvent({ episodeId: 50, programmeTitle: 'Zebra' }, 1, 1),
        licenceEvent({ licenceId: licenceId(50), episodeId: 50, ...window }, 1, 2),
        episodeEvent({ episodeId: 50, programmeTitle: 'Alpaca' }, 2, 3),
        licenceEvent({ licenceId: licenceId(51), episodeId: 50, platform: 'web', ...window }, 1, 4),
        licenceEvent({ licenceId: licenceId(51), episodeId: 50, platform: 'web', ...window, status: 'revoked' }, 2, 5),
        episodeEvent({ episodeId: 52, programmeTitle: 'Badger' }, 1, 6),
      ]);
      const committing = staging.commit();
      await projector.applyLive([licenceEvent({ licenceId: licenceId(52), episodeId: 52, ...window }, 1, 7)]);
      await committing;
      t.deepEqual(ids(await store.findEpisodes(page())), [50, 52]);
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'alp' }))), [50]);
      t.deepEqual(ids(await store.findEpisodes(page({ prefix: 'zeb' }))), []);
      t.deepEqual(ids(await store.findEpisodes(page({ platform: 'web' }))), []);
      t.deepEqual(await store.counts(), { episodes: 2, listedEpisodes: 2, licences: 2 });
    },
  );

  run('live events move the position but not the feed checkpoint', [episodeEvent({ episodeId: 40 }, 1, 900)], async (store, t) => {
    const positions = await store.positions();
    t.is(positions.catalogue.position, 900);
    t.is(positions.catalogue.checkpoint, 0);
    t.deepEqual(await store.counts(), { episodes: 1, listedEpisodes: 0, licences: 0 });
  });
};
