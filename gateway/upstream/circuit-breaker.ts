/** Raised instead of calling an upstream whose circuit is open: fails in microseconds. */
export class CircuitOpenError extends Error {
  constructor(
    readonly upstream: string,
    readonly retryAfterMs: number,
  ) {
    super(`${upstream} is failing; not calling it for another ${retryAfterMs} ms`);
    this.name = 'CircuitOpenError';
  }
}

export interface CircuitBreakerOptions {
  readonly name: string;
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold?: number;
  /** How long it stays open before one trial call is let through. */
  readonly openMs?: number;
  readonly now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A per-upstream circuit breaker. After `failureThreshold` consecutive failures every call fails
 * fast for `openMs`, so a dead service costs the gateway nothing and gets room to recover; then a
 * single trial call decides whether to close again. Small on purpose: no dependency for 40 lines.
 */
export const createCircuitBreaker = ({ name, failureThreshold = 5, openMs = 5_000, now = Date.now }: CircuitBreakerOptions) => {
  let failures = 0;
  let openedAt = 0;
  let state: CircuitState = 'closed';
  let trialInFlight = false;

  const currentState = (): CircuitState => {
    if (state === 'open' && now() - openedAt >= openMs) state = 'half-open';
    return state;
  };

  return {
    name,
    state: currentState,
    /** Throws CircuitOpenError when the call must not be made; otherwise the caller goes ahead. */
    assertCallable(): void {
      const current = currentState();
      if (current === 'closed') return;
      if (current === 'half-open' && !trialInFlight) {
        trialInFlight = true;
        return;
      }
      throw new CircuitOpenError(name, Math.max(0, openMs - (now() - openedAt)));
    },
    succeeded(): void {
      failures = 0;
      trialInFlight = false;
      state = 'closed';
    },
    failed(): void {
      failures += 1;
      trialInFlight = false;
      if (state === 'half-open' || failures >= failureThreshold) {
        state = 'open';
        openedAt = now();
      }
    },
  };
};

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>;
