/** One fake episode with everything the four fake upstreams say about it. */
export interface FakeEpisode {
  readonly episodeId: number;
  readonly programmeId: number;
  readonly programmeTitle: string;
  readonly channel: string;
  readonly title: string;
  readonly synopsis: string;
  readonly guidance: { readonly restricted: boolean; readonly message: string | null } | null;
  readonly window: { readonly startDate: string; readonly endDate: string };
}

const PROGRAMMES = [
  'Downton Abbey',
  'Coronation Street',
  'Emmerdale',
  'Vera',
  'Broadchurch',
  'Love Island',
  '999: On The Front Line',
  'The Chase',
];

/**
 * A deterministic catalogue for tests and the benchmark: `count` episodes over a few programmes,
 * every third one without guidance (a 404 upstream, meaning "none"), each licensed on every
 * platform in a window open around `now`, except every fifth, whose window opens tomorrow.
 */
export const fakeEpisodes = (count: number, now = Date.now()): FakeEpisode[] =>
  Array.from({ length: count }, (_, i) => {
    const programme = PROGRAMMES[i % PROGRAMMES.length]!;
    return {
      episodeId: 100_001 + i,
      programmeId: 1 + (i % PROGRAMMES.length),
      programmeTitle: programme,
      channel: i % 4 === 3 ? 'ITV2' : 'ITV',
      title: `${programme} ${1 + Math.floor(i / PROGRAMMES.length)}`,
      synopsis: `Episode ${i + 1} of ${programme}: `.concat(
        'a glittering period drama following the lives of a family and their household. '.repeat(3),
      ),
      guidance: i % 3 === 2 ? null : { restricted: i % 2 === 0, message: i % 2 === 0 ? 'Contains Strong Language' : null },
      window: {
        startDate: new Date(now + (i % 5 === 4 ? 86_400_000 : -86_400_000)).toISOString(),
        endDate: new Date(now + 30 * 86_400_000).toISOString(),
      },
    };
  });
