import { mapDomainErrors } from '#platform/http/domain-errors';
import { AvailabilityError, type AvailabilityErrorCode } from '../domain/availability-error.ts';

/** Every availability error code and the status it becomes; the compiler keeps it complete. */
export const availabilityErrorStatus: Record<AvailabilityErrorCode, number> = {
  'episode-not-found': 404,
  'unknown-platform': 400,
  'invalid-instant': 400,
  'rebuild-in-progress': 409,
  'feed-unavailable': 502,
  'invalid-feed': 502,
};

/** Koa middleware: AvailabilityError → application/problem+json through the table above. */
export const availabilityErrors = mapDomainErrors(
  (error): error is AvailabilityError => error instanceof AvailabilityError,
  availabilityErrorStatus,
);
