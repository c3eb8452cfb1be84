import { mapDomainErrors } from '#platform/http/domain-errors';
import { GuidanceError, type GuidanceErrorCode } from '../domain/guidance-error.ts';

/** Every guidance error code and the HTTP status it becomes; the compiler keeps it complete. */
export const guidanceErrorStatus: Record<GuidanceErrorCode, number> = {
  'invalid-episode-id': 400,
  'guidance-not-found': 404,
  'guidance-already-set': 412,
  'stale-version': 412,
  'precondition-required': 428,
  'message-required': 422,
};

export const guidanceErrors = mapDomainErrors((error): error is GuidanceError => error instanceof GuidanceError, guidanceErrorStatus);
