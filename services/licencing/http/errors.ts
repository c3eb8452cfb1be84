import { mapDomainErrors } from '#platform/http/domain-errors';
import { LicencingError, type LicencingErrorCode } from '../domain/licencing-error.ts';

/**
 * Every licencing error code and the HTTP status it becomes; the compiler keeps it complete.
 * Ids in a path or query are 400; a well-formed command the domain refuses is 422; a command
 * on a revoked licence, or a grant identical to an active licence, is 409 (retrying cannot help);
 * a stale version is 412; an Idempotency-Key reused with another command is 422.
 */
export const licencingErrorStatus: Record<LicencingErrorCode, number> = {
  'invalid-episode-id': 400,
  'invalid-licence-id': 400,
  'unknown-platform': 422,
  'invalid-date': 422,
  'invalid-window': 422,
  'licence-not-found': 404,
  'licence-revoked': 409,
  'stale-version': 412,
  'identical-licence': 409,
  'idempotency-key-reused': 422,
};

export const licencingErrors = mapDomainErrors((error): error is LicencingError => error instanceof LicencingError, licencingErrorStatus);
