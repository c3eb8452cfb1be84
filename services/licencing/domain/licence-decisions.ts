import {
  assertEpisodeId,
  assertPlatform,
  parseLicenceId,
  type AmendLicenceWindowCommand,
  type GrantLicenceCommand,
  type Licence,
} from './licence.ts';
import { parseWindow } from './licence-window.ts';
import { LicencingError } from './licencing-error.ts';

/**
 * Decides a new licence (version 1, active). Overlapping active windows for the same episode
 * and platform are allowed on purpose: availability is the union of the open windows, deals
 * are often renewed before they lapse, and refusing overlaps would make every grant depend on
 * every other licence of the episode, which one licence's optimistic version cannot guard.
 */
export const decideGrant = (command: GrantLicenceCommand, platforms: readonly string[], licenceId: string): Licence => ({
  licenceId: parseLicenceId(licenceId),
  episodeId: assertEpisodeId(command.episodeId),
  platform: assertPlatform(platforms, command.platform),
  ...parseWindow(command.startDate, command.endDate),
  status: 'active',
  version: 1,
});

/**
 * A revoked licence is final: any further command on it is a 409, whatever ETag it names,
 * because re-reading and retrying (what a 412 invites) could never succeed. Revoking twice is
 * therefore a 409 too, and no second event is written.
 */
const assertChangeable = (current: Licence, expectedVersion: number): void => {
  if (current.status === 'revoked')
    throw new LicencingError('licence-revoked', `Licence ${current.licenceId} was revoked; grant a new licence instead.`, current.version);
  if (expectedVersion !== current.version)
    throw new LicencingError('stale-version', 'The licence changed since you read it.', current.version);
};

/** Decides the revocation of an active licence read at `expectedVersion`. */
export const decideRevocation = (current: Licence, expectedVersion: number): Licence => {
  assertChangeable(current, expectedVersion);
  return { ...current, status: 'revoked', version: current.version + 1 };
};

/**
 * Decides a new window for an active licence read at `expectedVersion`. The window is checked
 * exactly as a grant's; amending to the same window still records a change, so the editor's
 * intent stays visible in the event log.
 */
export const decideWindowAmendment = (current: Licence, command: AmendLicenceWindowCommand): Licence => {
  const window = parseWindow(command.startDate, command.endDate);
  assertChangeable(current, command.expectedVersion);
  return { ...current, ...window, version: current.version + 1 };
};
