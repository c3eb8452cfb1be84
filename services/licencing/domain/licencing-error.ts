/** Every way a licencing command or query can fail, as a string literal the HTTP table maps. */
export type LicencingErrorCode =
  | 'invalid-episode-id'
  | 'invalid-licence-id'
  | 'unknown-platform'
  | 'invalid-date'
  | 'invalid-window'
  | 'licence-not-found'
  | 'licence-revoked'
  | 'stale-version'
  | 'identical-licence'
  | 'idempotency-key-reused';

/** The licencing domain's one error class; `code` decides the HTTP status. */
export class LicencingError extends Error {
  constructor(
    readonly code: LicencingErrorCode,
    message: string,
    readonly currentVersion?: number,
    /** Related resources the client should see, e.g. the existing licence a grant would duplicate. */
    readonly links?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'LicencingError';
  }
}
