import test from 'ava';
import fc from 'fast-check';
import { createProjector } from '../../consumers/projector.ts';
import { alphabeticalGroup, titleSortKey, titleWords } from '../../domain/text.ts';
import { createInMemoryAvailabilityStore } from '../../store/in-memory-availability-store.ts';
import { episodeEvent, guidanceEvent, licenceEvent, licenceId } from '../../testing/event-builders.ts';
import { makeListAvailableEpisodes } from './list-available-episodes.ts';

const DAY = 86_400_000;
const base = Date.UTC(2026, 0, 1);
const PLATFORMS = ['ios', 'web'];

const episodeState = fc.record({
  programmeTitle: fc.constantFrom('Downton Abbey', 'Émile', 'Vera', '24 Hours', 'vera again'),
  title: fc.constantFrom('Series 1, Episode 1', 'Abbey Road', 'Zulu'),
  channel: fc.constantFrom('ITV', 'C4'),
  withdrawn: fc.constantFrom(false, false, false, true),
});
const licenceState = fc.record({
  start: fc.integer({ min: 0, max: 10 }),
  length: fc.integer({ min: 1, max: 5 }),
  revoked: fc.constantFrom(false, false, false, true),
});
const history = fc.record({
  episodes: fc.array(fc.record({ id: fc.integer({ min: 1, max: 4 }), states: fc.array(episodeState, { minLength: 1, maxLength: 3 }) }), {
    minLength: 1,
    maxLength: 6,
  }),
  guidance: fc.array(fc.record({ id: fc.integer({ min: 1, max: 4 }), states: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }) }), {
    maxLength: 6,
  }),
  licences: fc.array(
    fc.record({
      episode: fc.integer({ min: 1, max: 4 }),
      platform: fc.constantFrom(...PLATFORMS),
      states: fc.array(licenceState, { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 2, maxLength: 8 },
  ),
});
type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

const iso = (days: number) => new Date(base + days * DAY).toISOString();
const dedupe = <T extends { id: number }>(items: readonly T[]): T[] => [...new Map(items.map((i) => [i.id, i] as const)).values()];

const eventsOf = (h: History) => [
  ...dedupe(h.episodes).flatMap((e) =>
    e.states.map((s, v) =>
      episodeEvent(
        {
          episodeId: e.id,
          programmeTitle: s.programmeTitle,
          title: s.title,
          channel: s.channel,
          status: s.withdrawn ? 'withdrawn' : 'published',
        },
        v + 1,
      ),
    ),
  ),
  ...dedupe(h.guidance).flatMap((g) =>
    g.states.map((restricted, v) => guidanceEvent(g.id, restricted, restricted ? 'Strong language' : null, v + 1)),
  ),
  ...h.licences.flatMap((l, n) =>
    l.states.map((s, v) =>
      licenceEvent(
        {
          licenceId: licenceId(n + 1),
          episodeId: l.episode,
          platform: l.platform,
          startDate: iso(s.start),
          endDate: iso(s.start + s.length),
          status: s.revoked ? 'revoked' : 'active',
        },
        v + 1,
      ),
    ),
  ),
];

/** The oracle: straight from the final state of each resource, with its own window arithmetic. */
const oracle = (h: History, platform: string, at: number, prefix: string | undefined, available: boolean | undefined) => {
  const windows = h.licences.flatMap((l) => {
    const s = l.states.at(-1)!;
    return !s.revoked && l.platform === platform
      ? [{ episode: l.episode, start: base + s.start * DAY, end: base + (s.start + s.length) * DAY }]
      : [];
  });
  const guidance = new Map(dedupe(h.guidance).map((g) => [g.id, g.states.at(-1)!]));
  return dedupe(h.episodes)
    .map((e) => ({ id: e.id, s: e.states.at(-1)! }))
    .filter(({ id, s }) => !s.withdrawn && windows.some((w) => w.episode === id && w.end > at))
    .filter(({ s }) => prefix === undefined || titleWords(s.programmeTitle).some((w) => w.startsWith(prefix)))
    .sort((a, b) =>
      titleSortKey(a.s.programmeTitle) < titleSortKey(b.s.programmeTitle)
        ? -1
        : titleSortKey(a.s.programmeTitle) > titleSortKey(b.s.programmeTitle)
          ? 1
          : a.id - b.id,
    )
    .map(({ id, s }) => {
      const mine = windows.filter((w) => w.episode === id);
      const open = mine.some((w) => w.start <= at && at < w.end);
      let from = open ? at : Math.min(...mine.filter((w) => w.start > at).map((w) => w.start));
      let until = from;
      for (let grew = true; grew;) {
        grew = false;
        for (const w of mine) {
          if (w.start <= until && w.end > until) [until, grew] = [w.end, true];
          if (w.end >= from && w.start < from) [from, grew] = [w.start, true];
        }
      }
      return {
        episodeId: id,
        title: s.programmeTitle,
        episodeTitle: s.title,
        available: open,
        availableFrom: new Date(from).toISOString(),
        availableUntil: new Date(until).toISOString(),
        restricted: guidance.get(id) ?? false,
      };
    })
    .filter((item) => available === undefined || item.available === available);
};

test('any interleaving, duplication and reordering of a history answers like the final domain state, at any instant', async (t) => {
  let nonEmpty = 0;
  await fc.assert(
    fc.asyncProperty(
      history,
      fc.array(fc.nat(), { maxLength: 10 }),
      fc.integer({ min: -1, max: 12 * 24 }),
      fc.constantFrom(...PLATFORMS),
      fc.integer({ min: 1, max: 40 }),
      fc.constantFrom(undefined, undefined, undefined, undefined, 'vera', 'abbey', '2', 'zulu'),
      fc.constantFrom(undefined, undefined, true, false),
      fc.boolean(),
      async (h, dupes, hour, platform, seed, q, available, liveClock) => {
        const events = eventsOf(h);
        const replayed = [...events, ...dupes.filter(() => events.length > 0).map((d) => events[d % events.length]!)];
        const shuffled = fc.sample(fc.shuffledSubarray(replayed, { minLength: replayed.length }), { numRuns: 1, seed })[0]!;
        // Either the store's clock starts before the events and moves to the instant asked (its live
        // lists advance across every edge on the way), or it is the system clock, months away.
        const clock = { now: new Date(base - DAY) };
        const store = createInMemoryAvailabilityStore(liveClock ? { clock: () => clock.now } : {});
        const projector = createProjector({ store, clock: () => new Date(base) });
        for (let i = 0; i < shuffled.length; i += 3) await projector.applyLive(shuffled.slice(i, i + 3));
        const at = new Date(base + hour * 3_600_000);
        clock.now = at;
        const list = makeListAvailableEpisodes({ store, platforms: PLATFORMS, clock: () => at });
        const answer = await list({ platform, q, available, page: 1, size: 100, grouped: true });
        // Pages of two, read by rank in the merged lists, line up with the single page.
        const paged: number[] = [];
        for (let p = 1; p <= Math.ceil(answer.total / 2); p += 1)
          paged.push(...(await list({ platform, q, available, page: p, size: 2 })).items.map((i) => i.doc.episodeId));
        await store.close();
        const got = answer.items.map(({ doc, availability }) => ({
          episodeId: doc.episodeId,
          title: doc.title,
          episodeTitle: doc.episodeTitle,
          available: availability.available,
          availableFrom: availability.window?.start.toISOString(),
          availableUntil: availability.window?.end.toISOString(),
          restricted: doc.restricted,
        }));
        const expected = oracle(h, platform, at.getTime(), q, available);
        if (expected.length > 0) nonEmpty += 1;
        t.deepEqual(got, expected);
        t.is(answer.total, expected.length);
        t.deepEqual(
          paged,
          expected.map((e) => e.episodeId),
        );
        const groups = new Map<string, number>();
        for (const e of expected) groups.set(alphabeticalGroup(e.title), (groups.get(alphabeticalGroup(e.title)) ?? 0) + 1);
        t.deepEqual(
          answer.groups,
          [...groups].map(([letter, count]) => ({ letter, count })),
        );
      },
    ),
    { numRuns: 500 },
  );
  t.true(nonEmpty > 75, `only ${nonEmpty} of 500 runs had anything to answer`);
});
