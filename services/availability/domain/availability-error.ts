/** Every way an availability request can fail that a client or operator should hear about. */
export type AvailabilityErrorCode =
  'episode-not-found' | 'unknown-platform' | 'invalid-instant' | 'rebuild-in-progress' | 'feed-unavailable' | 'invalid-feed';

/**
 * The service's one error class: a string-literal code the HTTP layer turns into a status
 * through a table the compiler keeps complete.
 */
export class AvailabilityError extends Error {
  constructor(
    readonly code: AvailabilityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AvailabilityError';
  }
}
