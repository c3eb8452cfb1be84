/** The benchmark's editorial world: one programme of episodes the commands act on. */
export const PROGRAMME_ID = 9001;
export const EPISODES = Array.from({ length: 60 }, (_, i) => 9_100_001 + i);
export const PLATFORMS = ['ios', 'android', 'web'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const V1 = 'application/vnd.itv.ctv.production.v1+hal+json';

/** Every list the read load and the checks ask: both pages of each platform's gateway and availability lists. */
export const listsOf = (platform: Platform): string[] =>
  [1, 2, 3].flatMap((page) => [
    `/vod/${platform}/episodes?q=edge&available=any&page=${page}`,
    `/availability/episodes?platform=${platform}&q=edge&page=${page}`,
  ]);

/** One episode's items on a platform: the gateway's and availability's. */
export const itemsOf = (episodeId: number, platform: Platform): string[] => [
  `/vod/${platform}/episodes/${episodeId}`,
  `/availability/episodes/${episodeId}?platform=${platform}`,
];

/**
 * The read set of the steady load: every list of every platform, and what a TV app opens from
 * them: the items on ios (where every episode is licensed) and their domain resources, of the
 * episodes not withdrawn. Items an app never sees listed (a 404) are not asked all day either.
 */
export const readSet = (live: readonly number[] = EPISODES): string[] => [
  ...PLATFORMS.flatMap(listsOf),
  ...live.flatMap((id) => [...itemsOf(id, 'ios'), `/catalogue/episodes/${id}`, `/guidance/episodes/${id}`]),
];

/** The object about `episodeId` wherever an answer holds it (the item itself, or one production of a list). */
export const findEpisode = (body: unknown, episodeId: number): Record<string, unknown> | undefined => {
  if (Array.isArray(body)) {
    for (const each of body) {
      const found = findEpisode(each, episodeId);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (record.episodeId === episodeId) return record;
  return findEpisode(Object.values(record), episodeId);
};

/** What an answer must show once a command's change reached it. */
export interface Check {
  readonly paths: readonly string[];
  /** Given every path's status and body, whether the change is visible in all of them. */
  readonly fresh: (answers: ReadonlyMap<string, { status: number; body: unknown }>) => boolean;
}

/** Whole seconds, as licences take them. */
export const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
