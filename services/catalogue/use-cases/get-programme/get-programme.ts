import { CatalogueError } from '../../domain/catalogue-error.ts';
import type { CatalogueRepository } from '../../domain/ports.ts';
import type { Programme } from '../../domain/programme.ts';

export type GetProgramme = (programmeId: number) => Promise<Programme>;

/** Reads one programme; one never published is not in the catalogue (404). */
export const makeGetProgramme =
  ({ repository }: { readonly repository: CatalogueRepository }): GetProgramme =>
  async (programmeId) => {
    const programme = await repository.findProgramme(programmeId);
    if (!programme) throw new CatalogueError('programme-not-found', `Programme ${programmeId} is not in the catalogue.`);
    return programme;
  };
