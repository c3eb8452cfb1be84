import { decideGrant } from '../../domain/licence-decisions.ts';
import type { GrantLicenceCommand, Licence } from '../../domain/licence.ts';
import type { Clock, LicenceRepository, NewLicenceId } from '../../domain/ports.ts';
import { licenceGranted } from '../../messages/licencing-events.ts';

export interface GrantLicenceDeps {
  readonly repository: LicenceRepository;
  readonly clock: Clock;
  readonly platforms: readonly string[];
  readonly newLicenceId: NewLicenceId;
}

export type GrantLicence = (command: GrantLicenceCommand, traceparent?: string) => Promise<Licence>;

/**
 * An editor grants a licence: decide it (valid episode, configured platform, a window that
 * ends after it starts), then save it with its `licencing.licence.granted` event in one
 * transaction. The service names the licence, so a retried request makes a second licence
 * rather than silently merging into the first.
 */
export const makeGrantLicence =
  ({ repository, clock, platforms, newLicenceId }: GrantLicenceDeps): GrantLicence =>
  async (command, traceparent) => {
    const licence = decideGrant(command, platforms, newLicenceId());
    await repository.save(licence, [licenceGranted(licence, clock.now(), traceparent)]);
    return licence;
  };
