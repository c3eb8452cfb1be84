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
export const backoffDelay = (
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'jitter'>,
  failures: number,
  random: () => number = Math.random,
): number => {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return policy.jitter ? delay * (0.5 + random() / 2) : delay;
};

/**
 * An event handler's retries: five attempts in all, 1 s doubling to at most 30 s between them,
 * then the dead-letter queue. RabbitMQ uses it as it is. The in-process bus (see its file) takes
 * the attempts and the formula but shorter waits, because its retries wait in line
 * ({@link IN_LINE_EVENT_HANDLER_RETRY}).
 */
export const EVENT_HANDLER_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * The in-process bus's event handler retries: {@link EVENT_HANDLER_RETRY}'s attempts and formula,
 * with waits of 20 ms doubling to 1 s. There a retry holds up every event behind it for that
 * consumer (RabbitMQ sets a failing message aside in its retry queue and goes on), so RabbitMQ's
 * waits would stall a consumer for 1 + 2 + 4 + 8 = 15 s per failing event; these stall it 0.3 s
 * ({@link retryStall}, pinned in retry-policy.test.ts).
 */
export const IN_LINE_EVENT_HANDLER_RETRY: RetryPolicy = { ...EVENT_HANDLER_RETRY, baseDelayMs: 20, maxDelayMs: 1_000 };

/** The longest a policy's waits add up to for one item that fails every attempt (jitter off). */
export const retryStall = (policy: RetryPolicy): number =>
  Array.from({ length: policy.maxAttempts - 1 }, (_, i) => backoffDelay({ ...policy, jitter: false }, i + 1)).reduce((a, b) => a + b, 0);
