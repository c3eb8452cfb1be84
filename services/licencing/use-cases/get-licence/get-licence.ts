import type { Licence } from '../../domain/licence.ts';
import { LicencingError } from '../../domain/licencing-error.ts';
import type { LicenceRepository } from '../../domain/ports.ts';

export type GetLicence = (licenceId: string) => Promise<Licence>;

/** Loads a licence a command or a read names; a licence nobody granted is a 404. */
export const makeGetLicence =
  ({ repository }: { readonly repository: LicenceRepository }): GetLicence =>
  async (licenceId) => {
    const licence = await repository.find(licenceId);
    if (!licence) throw new LicencingError('licence-not-found', `No licence ${licenceId} was granted.`);
    return licence;
  };
