import { decideRevocation } from '../../domain/licence-decisions.ts';
import { parseLicenceId, type Licence, type RevokeLicenceCommand } from '../../domain/licence.ts';
import { LicencingError } from '../../domain/licencing-error.ts';
import type { Clock, LicenceRepository } from '../../domain/ports.ts';
import { licenceRevoked } from '../../messages/licencing-events.ts';

export interface RevokeLicenceDeps {
  readonly repository: LicenceRepository;
  readonly clock: Clock;
}

export type RevokeLicence = (command: RevokeLicenceCommand, traceparent?: string, editor?: string) => Promise<Licence>;

/**
 * An editor revokes a licence they read at `expectedVersion`: the licence stays readable (as
 * `revoked`) so consumers and auditors can see what happened, and its
 * `licencing.licence.revoked` event commits with the change.
 */
export const makeRevokeLicence =
  ({ repository, clock }: RevokeLicenceDeps): RevokeLicence =>
  async (command, traceparent, editor) => {
    const licenceId = parseLicenceId(command.licenceId);
    const current = await repository.find(licenceId);
    if (!current) throw new LicencingError('licence-not-found', `No licence ${licenceId} was granted.`);
    const revoked = decideRevocation(current, command.expectedVersion);
    await repository.save(revoked, [licenceRevoked(revoked, clock.now(), traceparent, editor)]);
    return revoked;
  };
