import { z } from 'zod';

/** Resolves true once availability has applied `position` of `source`, false at the deadline. */
export type WaitApplied = (source: string, position: number, timeoutMs: number) => Promise<boolean>;

const statusShape = z.object({ sources: z.array(z.object({ source: z.string(), position: z.number() })) });

/**
 * Reads availability's applied position per source: given the positions already known, it asks
 * availability to answer only once one of them moved, waiting up to `waitMs` (a long poll of
 * `GET /availability/status/positions`), so an applied event is heard the moment it is applied.
 */
export type ReadPositions = (known?: Readonly<Record<string, number>>, waitMs?: number) => Promise<Record<string, number>>;

export const readAvailabilityPositions =
  (availabilityUrl: string, timeoutMs = 2_000): ReadPositions =>
  async (known = {}, waitMs = 0) => {
    const since = Object.entries(known)
      .map(([source, position]) => `${source}:${position}`)
      .join(',');
    const query = since ? `?since=${since}&waitMs=${Math.round(waitMs)}` : '';
    const response = await fetch(`${availabilityUrl.replace(/\/$/, '')}/availability/status/positions${query}`, {
      headers: { accept: 'application/hal+json' },
      signal: AbortSignal.timeout(timeoutMs + waitMs),
    });
    if (!response.ok) throw new Error(`availability status answered ${response.status}`);
    const { sources } = statusShape.parse(await response.json());
    return Object.fromEntries(sources.map(({ source, position }) => [source, position]));
  };

/**
 * Waits for availability to apply events, by a long poll of its positions while anyone waits:
 * one request serves every waiter, it answers as soon as a position moves, and none runs while
 * nothing waits. A purge sent before availability has applied the event would let the edge
 * refill from a projection that has not caught up, for minutes. Unreachable status counts as
 * "not yet" (asked again after `retryMs`, as is an answer that moved nothing); the caller decides what the deadline means.
 */
export const createAppliedWatch = (read: ReadPositions, retryMs = 20, longPollMs = 1_000): { wait: WaitApplied; stop(): void } => {
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
      const wait = Math.max(0, Math.min(longPollMs, ...[...waiters].map((w) => w.deadline - Date.now())));
      const next = await read(known, wait).catch(() => undefined);
      const moved = next !== undefined && Object.entries(next).some(([source, position]) => position !== known[source]);
      if (next) known = next;
      settle(Date.now());
      // Unreachable, or answered without waiting for a move: no tight loop.
      if (!moved && waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, retryMs));
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
