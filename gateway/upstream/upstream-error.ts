/** Why an upstream gave no usable answer. */
export type UpstreamFailure = 'timeout' | 'unreachable' | 'server-error' | 'circuit-open' | 'bad-body';

/**
 * An upstream call that failed after its retry and had no stale copy to fall back on. The
 * composition turns it into an "unknown" part, or into a 503 when the upstream is availability.
 */
export class UpstreamError extends Error {
  constructor(
    readonly upstream: string,
    readonly failure: UpstreamFailure,
    readonly retryAfterMs?: number,
  ) {
    super(`${upstream}: ${failure}`);
    this.name = 'UpstreamError';
  }
}
