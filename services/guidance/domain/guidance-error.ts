/** Every way a guidance command or query can fail, as a string literal the HTTP table maps. */
export type GuidanceErrorCode =
  'invalid-episode-id' | 'guidance-not-found' | 'guidance-already-set' | 'stale-version' | 'precondition-required' | 'message-required';

/** The guidance domain's one error class; `code` decides the HTTP status. */
export class GuidanceError extends Error {
  constructor(
    readonly code: GuidanceErrorCode,
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'GuidanceError';
  }
}
