import { setTimeout as sleep } from 'node:timers/promises';

/** What a successful check returned: anything but a falsy value. */
export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export interface EventuallyOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Said in the error when the deadline passes, e.g. `all 1000 events consumed`. */
  readonly description?: string;
  /**
   * Stops the polling (rejecting with the signal's reason), for a wait raced against something
   * else: a poll left running after its race was lost keeps the test process alive until its
   * deadline.
   */
  readonly signal?: AbortSignal;
}

/**
 * Polls `check` until it returns a truthy value (returned) or the deadline passes (throws
 * with the last error or value seen). The alternative to sleep-and-hope in async tests.
 */
export const eventually = async <T>(check: () => T, options: EventuallyOptions = {}): Promise<Truthy<Awaited<T>>> => {
  const { timeoutMs = 10_000, intervalMs = 20, description = 'condition', signal } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    signal?.throwIfAborted();
    try {
      const value = await check();
      if (value) return value as Truthy<Awaited<T>>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`${description} not met within ${timeoutMs} ms (last: ${detail})`);
    }
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      signal?.throwIfAborted(); // the signal's own reason, not the sleep's AbortError
    }
  }
};
