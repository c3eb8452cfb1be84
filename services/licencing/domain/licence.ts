import { LicencingError } from './licencing-error.ts';
import type { LicenceWindow } from './licence-window.ts';

export type LicenceStatus = 'active' | 'revoked';

/**
 * The right to show one episode on one platform during a half-open window. `version` is the
 * licence's optimistic-concurrency version (its ETag); it starts at 1 and grows with each change.
 */
export interface Licence extends LicenceWindow {
  readonly licenceId: string;
  readonly episodeId: number;
  readonly platform: string;
  readonly status: LicenceStatus;
  readonly version: number;
}

/** The editor's intent: grant a new licence for an episode on a platform. */
export interface GrantLicenceCommand {
  readonly episodeId: number;
  readonly platform: string;
  readonly startDate: string;
  readonly endDate: string;
}

/** The editor's intent: revoke a licence, naming the version they read. */
export interface RevokeLicenceCommand {
  readonly licenceId: string;
  readonly expectedVersion: number;
}

/** The editor's intent: move a licence's window, naming the version they read. */
export interface AmendLicenceWindowCommand {
  readonly licenceId: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly expectedVersion: number;
}

const MAX_EPISODE_ID = 9_999_999_999;

/** Episode ids are positive whole numbers of up to ten digits, as in the catalogue. */
export const assertEpisodeId = (episodeId: number): number => {
  if (!Number.isInteger(episodeId) || episodeId < 1 || episodeId > MAX_EPISODE_ID) {
    throw new LicencingError('invalid-episode-id', 'Episode ids are positive whole numbers of up to ten digits.');
  }
  return episodeId;
};

/** Licence ids are UUIDs; they are kept in lower case so that one licence has one address. */
export const parseLicenceId = (raw: string): string => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) {
    throw new LicencingError('invalid-licence-id', 'Licence ids are UUIDs, such as 6f1c1f8e-3c7e-4a55-9f7c-0b7f1d6f4d2a.');
  }
  return raw.toLowerCase();
};

/** Platforms come from the deployment's configured list, so a typo cannot create a licence nobody serves. */
export const assertPlatform = (platforms: readonly string[], platform: string): string => {
  if (!platforms.includes(platform))
    throw new LicencingError('unknown-platform', `Platform "${platform.slice(0, 32)}" is not one of ${platforms.join(', ')}.`);
  return platform;
};
