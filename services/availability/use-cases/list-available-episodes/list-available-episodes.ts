import { AvailabilityError } from '../../domain/availability-error.ts';
import { availabilityAt, type Availability } from '../../domain/availability.ts';
import type { AvailabilityStore } from '../../domain/availability-store.ts';
import type { EpisodeDocument } from '../../domain/episode-projection.ts';
import { channelKey, searchPrefix } from '../../domain/text.ts';

export interface ListAvailableEpisodesInput {
  readonly platform: string;
  readonly channel?: string;
  readonly q?: string;
  readonly at?: Date;
  /** true: only what is playable at the instant; false: only what is coming; absent: both. */
  readonly available?: boolean;
  readonly page: number;
  readonly size: number;
  /** Count every match per A to Z group. */
  readonly grouped?: boolean;
}

export interface ListedEpisode {
  readonly doc: EpisodeDocument;
  readonly availability: Availability;
}

export interface ListAvailableEpisodesDeps {
  readonly store: AvailabilityStore;
  readonly platforms: readonly string[];
  readonly clock: () => Date;
}

/**
 * What a platform can show, or will soon, matching a channel (case and accents folded) and a
 * title word prefix, in title order, one page at a time, with every match counted per A to Z
 * group when asked. Availability is computed at the instant asked (now by
 * default) from the windows, so no event is needed when a window opens or closes.
 */
export const makeListAvailableEpisodes =
  ({ store, platforms, clock }: ListAvailableEpisodesDeps) =>
  async (input: ListAvailableEpisodesInput) => {
    if (!platforms.includes(input.platform)) {
      throw new AvailabilityError('unknown-platform', `Unknown platform; use one of ${platforms.join(', ')}.`);
    }
    const at = input.at ?? clock();
    const prefix = input.q === undefined ? undefined : searchPrefix(input.q);
    if (input.q !== undefined && prefix === undefined)
      return { at, items: [] as ListedEpisode[], total: 0, groups: input.grouped ? [] : undefined, nextBoundary: null };
    const channel = input.channel === undefined ? undefined : channelKey(input.channel);
    const page = await store.findEpisodes({
      platform: input.platform,
      channel,
      prefix,
      at,
      available: input.available,
      page: input.page,
      size: input.size,
      grouped: input.grouped,
    });
    const items: ListedEpisode[] = page.items.map((doc) => ({ doc, availability: availabilityAt(doc, input.platform, at) }));
    return { at, items, total: page.total, groups: page.groups, nextBoundary: page.nextBoundary };
  };

export type ListAvailableEpisodes = ReturnType<typeof makeListAvailableEpisodes>;
