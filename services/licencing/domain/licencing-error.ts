/** Every way a licencing command or query can fail, as a string literal the HTTP table maps. */
export type LicencingErrorCode =
  | 'invalid-episode-id'
  | 'invalid-licence-id'
  | 'unknown-platform'
  | 'invalid-date'
  | 'invalid-window'
  | 'licence-not-found'
  | 'licence-revoked'
  | 'stale-version';

/** The licencing domain's one error class; `code` decides the HTTP status. */
export class LicencingError extends Error {
  constructor(
    readonly code: LicencingErrorCode,
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'LicencingError';
  }
}
