/**
 * How work that failed is tried again: the one backoff formula of the codebase. Event handlers
 * on both buses take their attempts from {@link EVENT_HANDLER_RETRY}; the outbox relay uses the
 * same formula with bounds of its own, named beside its code.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Delay before the first retry; doubled for each further one. */
  readonly baseDelayMs: number;
  /** No delay is longer than this. */
  readonly maxDelayMs: number;
  /** Spread each delay over its upper half, so that many waiting retries do not fire together. */
  readonly jitter?: boolean;
}

/** The wait after the `failures`-th failure (1 for the first): base × 2^(failures − 1), capped, optionally jittered. */
export const backoffDelay = (policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'jitter'>, failures: number, random: () => number = Math.random): number => {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return policy.jitter ? delay * (0.5 + random() / 2) : delay;
};

/**
 * An event handler's retries: five attempts in all, 1 s doubling to at most 30 s between them,
 * then the dead-letter queue. RabbitMQ uses it as it is. The in-process bus (see its file) takes
 * the attempts and the formula but shorter waits, because its retries wait in line.
 */
export const EVENT_HANDLER_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };
