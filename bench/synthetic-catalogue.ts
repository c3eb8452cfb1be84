import type { EventEnvelope } from '#platform/messaging/event-envelope';
import { episodeEvent, licenceEvent, licenceId } from '../services/availability/testing/event-builders.ts';

export const EPISODES = 100_000;
export const PLATFORMS = ['ios', 'android', 'samsung', 'web'];
export const CHANNELS = ['ITV', 'ITV2', 'ITV3', 'ITV4', 'ITVBe', 'CITV', 'STV', 'UTV'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ba', 'de', 'fi', 'gu', 'ho', 'ja', 'pe', 'zu'];
const DAY = 86_400_000;
/** Now to the second: licence dates are whole seconds (the platform's instant rule). */
const wholeSeconds = () => Math.floor(Date.now() / 1000) * 1000;

/** A deterministic pseudo-random source (a linear congruential generator), so every run asks the same. */
export const seeded = (seed: number) => () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

/** The platforms an episode is licensed on: all but one, the one left out varying independently of the channel. */
const platformsOf = (id: number) => {
  const skip = Math.floor(id / CHANNELS.length) % PLATFORMS.length;
  return PLATFORMS.filter((_, i) => i !== skip);
};

/**
 * Deterministic synthetic catalogue: 100,000 episodes of programmes with two to four word titles,
 * 3 licences each on distinct platforms. The platform left out varies independently of the
 * channel, so every platform and channel pair has episodes (the typical query matches some). A
 * twentieth of the windows open in the future, so lists hold what is coming as well as what plays.
 */
export const history = (now = wholeSeconds()): EventEnvelope[] => {
  const random = seeded(42);
  const word = () =>
    Array.from({ length: 2 + Math.floor(random() * 2) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  const events: EventEnvelope[] = [];
  let position = 0;
  for (let id = 1; id <= EPISODES; id += 1) {
    const title = Array.from({ length: 2 + Math.floor(random() * 3) }, word).join(' ');
    events.push(
      episodeEvent(
        {
          episodeId: id,
          programmeTitle: title[0]!.toUpperCase() + title.slice(1),
          title: `Episode ${id}`,
          channel: CHANNELS[id % CHANNELS.length]!,
        },
        1,
        (position += 1),
      ),
    );
    platformsOf(id).forEach((platform, i) => {
      const start = id % 20 === 0 ? now + (1 + (id % 7)) * DAY : now - (10 + i) * DAY;
      const end = now + (15 + (id % 30)) * DAY;
      events.push(
        licenceEvent(
          {
            licenceId: licenceId(id * 4 + i),
            episodeId: id,
            platform,
            startDate: new Date(start).toISOString(),
            endDate: new Date(end).toISOString(),
          },
          1,
          (position += 1),
        ),
      );
    });
  }
  return events;
};

/**
 * The `n`-th projection write of the write load: a licence window amended (an editor moving an
 * end date), on a random episode and platform, at a version above any before it. Each changes
 * what one platform lists, as real licensing work does all day.
 */
export const amendment = (n: number, random: () => number, now = wholeSeconds()): EventEnvelope => {
  const id = 1 + Math.floor(random() * EPISODES);
  const i = Math.floor(random() * 3);
  const start = now - (10 + i) * DAY;
  const end = now + (15 + Math.floor(random() * 60)) * DAY;
  return licenceEvent(
    {
      licenceId: licenceId(id * 4 + i),
      episodeId: id,
      platform: platformsOf(id)[i]!,
      startDate: new Date(start).toISOString(),
      endDate: new Date(end).toISOString(),
    },
    1 + n,
  );
};

/** One query of the mix and the shape it belongs to (for the per-shape costs). */
export interface MixQuery {
  readonly path: string;
  readonly shape: string;
}

const ONE_LETTER = ['k', 'l', 'm', 'n', 'r', 's', 't', 'v'];
const TWO_LETTERS = ['ka', 'ba', 'ho', 'zu'];
const FOUR_LETTERS = ['kalo', 'sati', 'deru', 'pemi'];

/**
 * The realistic query mix: 2,720 distinct list queries, 4 platforms × 17 searches (none, 8
 * one-letter, 4 two-letter and 4 four-letter prefixes) × 5 channel choices (all, or one of 4) ×
 * pages 1 to 4 × grouped or not, as TV apps ask them: browsing A to Z, typing a search letter by
 * letter, paging down.
 */
export const queryMix = (): MixQuery[] => {
  const queries: MixQuery[] = [];
  for (const platform of PLATFORMS) {
    for (const q of [undefined, ...ONE_LETTER, ...TWO_LETTERS, ...FOUR_LETTERS]) {
      for (const channel of [undefined, ...CHANNELS.slice(0, 4)]) {
        for (const page of [1, 2, 3, 4]) {
          for (const grouped of [false, true]) {
            const params = new URLSearchParams({
              platform,
              ...(channel ? { channel } : {}),
              ...(q ? { q } : {}),
              ...(grouped ? { grouping: 'alphabetical' } : {}),
              page: String(page),
              size: '20',
            });
            const shape = `${q === undefined ? 'no q' : `q ${q.length} letter${q.length > 1 ? 's' : ''}`}, ${channel ? 'one channel' : 'all channels'}${grouped ? ', grouped' : ''}`;
            queries.push({ path: `/availability/episodes?${params}`, shape });
          }
        }
      }
    }
  }
  return queries;
};

/**
 * `count` requests drawn from the mix with Zipf weights (s = 1) over a shuffled order of its
 * queries: the most asked query is asked twice as often as the second, three times as often as
 * the third; the top 1,000 of 2,720 take 88 % of requests.
 */
export const zipfSequence = (queries: readonly MixQuery[], count: number, random = seeded(7)): string[] => {
  const order = [...queries];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= order.length; rank += 1) cumulative.push((sum += 1 / rank));
  return Array.from({ length: count }, () => {
    const u = random() * sum;
    let lo = 0;
    for (let hi = cumulative.length - 1; lo < hi;) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return order[lo]!.path;
  });
};
