import { createHash } from 'node:crypto';
import { decideGrant } from '../../domain/licence-decisions.ts';
import type { GrantLicenceCommand, Licence } from '../../domain/licence.ts';
import { LicencingError } from '../../domain/licencing-error.ts';
import type { Clock, GrantKey, LicenceRepository, NewLicenceId } from '../../domain/ports.ts';
import { licenceGranted, licencePath } from '../../messages/licencing-events.ts';

export interface GrantLicenceDeps {
  readonly repository: LicenceRepository;
  readonly clock: Clock;
  readonly platforms: readonly string[];
  readonly newLicenceId: NewLicenceId;
}

/** Who asks and how: the editor (the token's subject) and the client's `Idempotency-Key`, if any. */
export interface GrantOptions {
  readonly idempotencyKey?: string;
  readonly editor?: string;
}

/** Answers the licence granted (on a replayed key, the licence the first grant made, as it is now). */
export type GrantLicence = (command: GrantLicenceCommand, traceparent?: string, options?: GrantOptions) => Promise<Licence>;

/** A grant's fingerprint: its decided facts, so the same command spelt with another zone offset is the same command. */
const fingerprint = (licence: Licence): string =>
  createHash('sha256')
    .update(JSON.stringify([licence.episodeId, licence.platform, licence.startDate, licence.endDate]))
    .digest('base64url');

/**
 * An editor grants a licence: decide it (valid episode, configured platform, a window that
 * ends after it starts), then store it with its `licencing.licence.granted` event in one
 * transaction. Two safety rules for editors who click twice or retry: the same
 * `Idempotency-Key` with the same command answers the first grant again (nothing new is
 * stored), with another command it is refused (422); and a licence identical to an active one
 * (same episode, platform and window) is refused (409) with a link to the one that exists.
 */
export const makeGrantLicence =
  ({ repository, clock, platforms, newLicenceId }: GrantLicenceDeps): GrantLicence =>
  async (command, traceparent, options = {}) => {
    const licence = decideGrant(command, platforms, newLicenceId());
    const key: GrantKey | undefined = options.idempotencyKey
      ? { key: options.idempotencyKey, fingerprint: fingerprint(licence) }
      : undefined;
    const outcome = await repository.grant(licence, [licenceGranted(licence, clock.now(), traceparent, options.editor)], key);
    switch (outcome.kind) {
      case 'granted':
      case 'replayed':
        return outcome.licence;
      case 'key-reused':
        throw new LicencingError(
          'idempotency-key-reused',
          'This Idempotency-Key was already used for another grant; send a new key for a new command.',
          undefined,
          { granted: licencePath(outcome.licenceId) },
        );
      case 'identical':
        throw new LicencingError(
          'identical-licence',
          `An active licence for episode ${licence.episodeId} on ${licence.platform} with this very window exists already (${outcome.existing.licenceId}); amend it instead of granting it twice.`,
          undefined,
          { existing: licencePath(outcome.existing.licenceId) },
        );
    }
  };
