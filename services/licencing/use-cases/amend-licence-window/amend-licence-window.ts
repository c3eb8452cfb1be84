import { decideWindowAmendment } from '../../domain/licence-decisions.ts';
import { parseLicenceId, type AmendLicenceWindowCommand, type Licence } from '../../domain/licence.ts';
import { LicencingError } from '../../domain/licencing-error.ts';
import type { Clock, LicenceRepository } from '../../domain/ports.ts';
import { licenceWindowAmended } from '../../messages/licencing-events.ts';

export interface AmendLicenceWindowDeps {
  readonly repository: LicenceRepository;
  readonly clock: Clock;
}

export type AmendLicenceWindow = (command: AmendLicenceWindowCommand, traceparent?: string, editor?: string) => Promise<Licence>;

/**
 * An editor moves an active licence's window (an extension, an early end, a corrected date),
 * naming the version they read; the `licencing.licence.window-amended` event commits with it.
 * Concurrent amendments naming the same version: one wins, the rest are stale.
 */
export const makeAmendLicenceWindow =
  ({ repository, clock }: AmendLicenceWindowDeps): AmendLicenceWindow =>
  async (command, traceparent, editor) => {
    const licenceId = parseLicenceId(command.licenceId);
    const current = await repository.find(licenceId);
    if (!current) throw new LicencingError('licence-not-found', `No licence ${licenceId} was granted.`);
    const amended = decideWindowAmendment(current, command);
    await repository.save(amended, [licenceWindowAmended(amended, clock.now(), traceparent, editor)]);
    return amended;
  };
