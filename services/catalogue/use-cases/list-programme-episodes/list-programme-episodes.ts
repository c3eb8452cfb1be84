import { CatalogueError } from '../../domain/catalogue-error.ts';
import type { Episode } from '../../domain/episode.ts';
import type { CatalogueRepository, Page } from '../../domain/ports.ts';

export type ListProgrammeEpisodes = (programmeId: number, offset: number, limit: number) => Promise<Page<Episode>>;

/**
 * One programme's episodes in programme order. An unknown programme is a 404 rather than an
 * empty page, so a mistyped link is not mistaken for a programme with no episodes yet.
 */
export const makeListProgrammeEpisodes =
  ({ repository }: { readonly repository: CatalogueRepository }): ListProgrammeEpisodes =>
  async (programmeId, offset, limit) => {
    const programme = await repository.findProgramme(programmeId);
    if (!programme) throw new CatalogueError('programme-not-found', `Programme ${programmeId} is not in the catalogue.`);
    return repository.listEpisodes({ programmeId }, offset, limit);
  };
