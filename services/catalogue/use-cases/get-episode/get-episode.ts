import { CatalogueError } from '../../domain/catalogue-error.ts';
import type { Episode } from '../../domain/episode.ts';
import type { CatalogueRepository } from '../../domain/ports.ts';

export type GetEpisode = (episodeId: number) => Promise<Episode>;

/** Reads one episode, withdrawn ones included (they say so in `status`); unknown ones are 404. */
export const makeGetEpisode =
  ({ repository }: { readonly repository: CatalogueRepository }): GetEpisode =>
  async (episodeId) => {
    const episode = await repository.findEpisode(episodeId);
    if (!episode) throw new CatalogueError('episode-not-found', `Episode ${episodeId} is not in the catalogue.`);
    return episode;
  };
