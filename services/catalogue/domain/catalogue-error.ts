/** Every way a catalogue command or query can fail, as a string literal the HTTP table maps. */
export type CatalogueErrorCode =
  | 'invalid-programme-id'
  | 'invalid-episode-id'
  | 'invalid-programme'
  | 'invalid-episode'
  | 'programme-not-found'
  | 'episode-not-found'
  | 'unknown-programme'
  | 'programme-already-published'
  | 'episode-already-published'
  | 'episode-already-withdrawn'
  | 'stale-version'
  | 'precondition-required';

/** The catalogue domain's one error class; `code` decides the HTTP status. */
export class CatalogueError extends Error {
  constructor(
    readonly code: CatalogueErrorCode,
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'CatalogueError';
  }
}
