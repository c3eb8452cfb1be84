import { AvailabilityError } from '../../domain/availability-error.ts';
import { availabilityAt, nextBoundary } from '../../domain/availability.ts';
import type { AvailabilityStore } from '../../domain/availability-store.ts';

export interface ShowEpisodeAvailabilityDeps {
  readonly store: AvailabilityStore;
  readonly platforms: readonly string[];
  readonly clock: () => Date;
}

/** Why an episode is or is not available: inside a window, before one, or with none left. */
export type AvailabilityReason = 'within-licence-window' | 'before-licence-window' | 'no-licence-window';

/**
 * One episode on one platform at an instant, with the reason: the window that makes it
 * available (or the next one that will), or that there is none, and its guidance. Unknown and
 * withdrawn episodes are not found: they are in no answer.
 */
export const makeShowEpisodeAvailability =
  ({ store, platforms, clock }: ShowEpisodeAvailabilityDeps) =>
  async (input: { readonly episodeId: number; readonly platform: string; readonly at?: Date }) => {
    if (!platforms.includes(input.platform)) {
      throw new AvailabilityError('unknown-platform', `Unknown platform; use one of ${platforms.join(', ')}.`);
    }
    const doc = await store.getEpisode(input.episodeId);
    if (!doc?.published)
      throw new AvailabilityError('episode-not-found', `Episode ${input.episodeId} is not in the catalogue's published episodes.`);
    const at = input.at ?? clock();
    const availability = availabilityAt(doc, input.platform, at);
    const reason: AvailabilityReason = availability.available
      ? 'within-licence-window'
      : availability.window
        ? 'before-licence-window'
        : 'no-licence-window';
    return { at, doc, availability, reason, nextBoundary: nextBoundary(doc, input.platform, at) };
  };

export type ShowEpisodeAvailability = ReturnType<typeof makeShowEpisodeAvailability>;
