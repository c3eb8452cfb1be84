import { GuidanceError } from '../../domain/guidance-error.ts';
import type { EpisodeGuidance } from '../../domain/episode-guidance.ts';
import type { GuidanceRepository } from '../../domain/ports.ts';

export type GetEpisodeGuidance = (episodeId: number) => Promise<EpisodeGuidance>;

/** Reads one episode's guidance; an episode nobody gave guidance has none (404). */
export const makeGetEpisodeGuidance =
  ({ repository }: { readonly repository: GuidanceRepository }): GetEpisodeGuidance =>
  async (episodeId) => {
    const guidance = await repository.find(episodeId);
    if (!guidance) throw new GuidanceError('guidance-not-found', `Episode ${episodeId} has no viewer guidance.`);
    return guidance;
  };
