import type { Logger } from 'pino';
import type { EventBus } from '../messaging/event-bus.ts';
import type { EventEnvelope } from '../messaging/event-envelope.ts';
import type { Database } from '../storage/database.ts';
import { backoffDelay } from '../retry/retry-policy.ts';
import { claimUnsent, markSent, outboxBacklog } from './outbox.ts';

export interface OutboxRelayOptions {
  readonly db: Database;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly batchSize?: number;
  /** Safety-net poll, for events committed by another process of the same service. */
  readonly pollMs?: number;
  readonly maxBackoffMs?: number;
  /** Called with each batch the bus confirmed (metrics, tests). */
  readonly onPublished?: (events: readonly EventEnvelope[]) => void;
}

export interface OutboxRelay {
  /** Asks for a pass soon; passes never overlap. Call after every commit. */
  notify(): void;
  start(): void;
  /** Stops after the pass in flight, if any, has finished. */
  stop(): Promise<void>;
  backlog(): Promise<number>;
  /** Resolves when a pass finds nothing left to send (tests, demo loading). */
  drained(): Promise<void>;
}

/** What one pass did: sent this many, found the lock held elsewhere, or failed after a prefix. */
type PassResult = { readonly sent: number; readonly locked: boolean; readonly failure?: unknown };

/**
 * Publishes committed outbox events to the bus in position order and marks them sent only after
 * the bus confirmed them. Publishes in a batch are pipelined on the bus; only the confirmed
 * prefix is marked sent (and committed even when a later publish failed), so an event is never
 * skipped (at worst sent twice: consumers are idempotent). While the bus fails, passes back off
 * exponentially up to `maxBackoffMs`, and commits' `notify` calls wait for the backoff rather
 * than hammering a broker that is away. When another process of the service holds the relay
 * lock, this one only polls.
 */
export const createOutboxRelay = ({
  db,
  bus,
  logger,
  batchSize = 200,
  pollMs = 1000,
  maxBackoffMs = 5000,
  onPublished,
}: OutboxRelayOptions): OutboxRelay => {
  let running = false;
  let inFlight: Promise<void> | undefined;
  let wanted = false;
  let failures = 0;
  let backingOff = false;
  let timer: NodeJS.Timeout | undefined;
  const waiters: (() => void)[] = [];

  const pass = async (): Promise<PassResult> => {
    const result = await db.transaction(async (tx): Promise<PassResult & { confirmed: readonly EventEnvelope[] }> => {
      const events = await claimUnsent(tx, db.kind, batchSize);
      if (events === null) return { sent: 0, locked: true, confirmed: [] };
      if (events.length === 0) return { sent: 0, locked: false, confirmed: [] };
      const results = await Promise.allSettled(events.map((event) => bus.publish(event)));
      const firstFailure = results.findIndex((r) => r.status === 'rejected');
      const confirmed = firstFailure === -1 ? events : events.slice(0, firstFailure);
      await markSent(
        tx,
        confirmed.map((e) => e.position),
      );
      const failure = firstFailure === -1 ? undefined : (results[firstFailure] as PromiseRejectedResult).reason;
      return { sent: confirmed.length, locked: false, confirmed, ...(failure === undefined ? {} : { failure }) };
    });
    if (result.confirmed.length > 0) onPublished?.(result.confirmed);
    return result;
  };

  const schedule = (ms: number) => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      backingOff = false;
      relay.notify();
    }, ms);
    timer.unref();
  };

  const loop = async () => {
    while (wanted && running) {
      wanted = false;
      try {
        const { sent, locked, failure } = await pass();
        if (failure !== undefined) throw failure;
        failures = 0;
        if (sent === batchSize) wanted = true;
        else if (sent === 0 && !locked) waiters.splice(0).forEach((resolve) => resolve());
      } catch (error) {
        failures += 1;
        const delay = backoffDelay({ baseDelayMs: 100, maxDelayMs: maxBackoffMs, jitter: true }, failures);
        logger.warn({ err: error, retryInMs: Math.round(delay), failures }, 'outbox relay could not publish; will retry');
        backingOff = true;
        wanted = false;
        schedule(delay);
        return;
      }
    }
    schedule(pollMs);
  };

  const relay: OutboxRelay = {
    notify() {
      wanted = true;
      if (!running || inFlight || backingOff) return;
      // One turn of the event loop first: the commits of requests handled in the same turn
      // then go out in one pass (one claim and one mark) rather than a pass each.
      inFlight = new Promise<void>((resolve) => setImmediate(resolve)).then(loop).finally(() => {
        inFlight = undefined;
        if (wanted && running && !backingOff) relay.notify();
      });
    },
    start() {
      running = true;
      backingOff = false;
      relay.notify();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await inFlight;
    },
    backlog: () => outboxBacklog(db),
    drained() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        relay.notify();
      });
    },
  };
  return relay;
};
