import { z } from 'zod';

/** Resolves true once availability has applied `position` of `source`, false at the deadline. */
export type WaitApplied = (source: string, position: number, timeoutMs: number) => Promise<boolean>;

const statusShape = z.object({ sources: z.array(z.object({ source: z.string(), position: z.number() })) });

/** Reads availability's applied position per source (`GET /availability/status`). */
export type ReadPositions = () => Promise<Record<string, number>>;

export const readAvailabilityPositions = (availabilityUrl: string, timeoutMs = 2_000): ReadPositions => async () => {
  const response = await fetch(`${availabilityUrl.replace(/\/$/, '')}/availability/status`, { headers: { accept: 'application/hal+json' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`availability status answered ${response.status}`);
  const { sources } = statusShape.parse(await response.json());
  return Object.fromEntries(sources.map(({ source, position }) => [source, position]));
};

/**
 * Waits for availability to apply events, by polling its status while anyone waits: one poll
 * serves every waiter, and none runs while nothing waits. A purge sent before availability has
 * applied the event would let the edge refill from a projection that has not caught up, for
 * minutes. Unreachable status counts as "not yet"; the caller decides what the deadline means.
 */
export const createAppliedWatch = (read: ReadPositions, intervalMs = 20): { wait: WaitApplied; stop(): void } => {
  const waiters = new Set<{ source: string; position: number; deadline: number; done: (applied: boolean) => void }>();
  let known: Record<string, number> = {};
  let polling: Promise<void> | undefined;
  let stopped = false;

  const settle = (now: number) => {
    for (const waiter of waiters) {
      if ((known[waiter.source] ?? 0) >= waiter.position) waiter.done(true);
      else if (now >= waiter.deadline || stopped) waiter.done(false);
      else continue;
      waiters.delete(waiter);
    }
  };
  const poll = async () => {
    while (waiters.size > 0 && !stopped) {
      known = await read().catch(() => known);
      settle(Date.now());
      if (waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    polling = undefined;
  };

  return {
    wait: (source, position, timeoutMs) =>
      new Promise<boolean>((done) => {
        if ((known[source] ?? 0) >= position) return done(true);
        waiters.add({ source, position, deadline: Date.now() + timeoutMs, done });
        polling ??= poll();
      }),
    stop() {
      stopped = true;
      settle(Date.now());
    },
  };
};
