import type { Logger } from 'pino';
import type { EventBus } from '../messaging/event-bus.ts';
import type { EventEnvelope } from '../messaging/event-envelope.ts';
import type { Database } from '../storage/database.ts';
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

/**
 * Publishes committed outbox events to the bus in position order and marks them sent only after
 * the bus confirmed them. Publishes in a batch are pipelined on the bus; only the confirmed
 * prefix is marked sent, so an event is never skipped (at worst sent twice: consumers are
 * idempotent). While the bus fails, passes back off exponentially up to `maxBackoffMs`.
 */
export const createOutboxRelay = ({ db, bus, logger, batchSize = 200, pollMs = 1000, maxBackoffMs = 5000, onPublished }: OutboxRelayOptions): OutboxRelay => {
  let running = false;
  let inFlight: Promise<void> | undefined;
  let wanted = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  const waiters: (() => void)[] = [];

  const pass = async (): Promise<number> =>
    db.transaction(async (tx) => {
      const events = await claimUnsent(tx, db.kind, batchSize);
      if (!events || events.length === 0) return 0;
      const results = await Promise.allSettled(events.map((event) => bus.publish(event)));
      const firstFailure = results.findIndex((r) => r.status === 'rejected');
      const confirmed = firstFailure === -1 ? events : events.slice(0, firstFailure);
      await markSent(tx, confirmed.map((e) => e.position));
      if (confirmed.length > 0) onPublished?.(confirmed);
      if (firstFailure !== -1) throw (results[firstFailure] as PromiseRejectedResult).reason;
      return events.length;
    });

  const schedule = (ms: number) => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => relay.notify(), ms);
    timer.unref();
  };

  const loop = async () => {
    while (wanted && running) {
      wanted = false;
      try {
        const sent = await pass();
        failures = 0;
        if (sent === batchSize) wanted = true;
        else if (sent === 0) waiters.splice(0).forEach((resolve) => resolve());
      } catch (error) {
        failures += 1;
        const delay = Math.min(maxBackoffMs, 50 * 2 ** failures) * (0.5 + Math.random() / 2);
        logger.warn({ err: error, retryInMs: Math.round(delay) }, 'outbox relay could not publish; will retry');
        schedule(delay);
        return;
      }
    }
    schedule(pollMs);
  };

  const relay: OutboxRelay = {
    notify() {
      wanted = true;
      if (!running || inFlight) return;
      inFlight = loop().finally(() => {
        inFlight = undefined;
        if (wanted && running) relay.notify();
      });
    },
    start() {
      running = true;
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
