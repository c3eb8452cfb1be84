import { mapDomainErrors } from '#platform/http/domain-errors';
import { CatalogueError, type CatalogueErrorCode } from '../domain/catalogue-error.ts';

/** Every catalogue error code and the HTTP status it becomes; the compiler keeps it complete. */
export const catalogueErrorStatus: Record<CatalogueErrorCode, number> = {
  'invalid-programme-id': 400,
  'invalid-episode-id': 400,
  'invalid-programme': 422,
  'invalid-episode': 422,
  'programme-not-found': 404,
  'episode-not-found': 404,
  'unknown-programme': 422,
  'programme-already-published': 412,
  'episode-already-published': 412,
  'episode-already-withdrawn': 409,
  'stale-version': 412,
  'precondition-required': 428,
};

export const catalogueErrors = mapDomainErrors((error): error is CatalogueError => error instanceof CatalogueError, catalogueErrorStatus);
