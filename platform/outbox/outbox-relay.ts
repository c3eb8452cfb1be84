import type { Logger } from 'pino';
import type { EventBus } from '../messaging/event-bus.ts';
import type { EventEnvelope } from '../messaging/event-envelope.ts';
import type { Database } from '../storage/database.ts';
import { backoffDelay } from '../retry/retry-policy.ts';
import { claimUnsent, claimUnsentAfter, markSent, outboxBacklog } from './outbox.ts';

export interface OutboxRelayOptions {
  readonly db: Database;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly batchSize?: number;
  /** Batches one pass (one transaction) may send; a crash mid-pass sends at most this many again. */
  readonly batchesPerPass?: number;
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

/** What one pass did: sent this many (`more` when it stopped at its limit), found the lock held elsewhere, or failed after a prefix. */
type PassResult = { readonly sent: number; readonly more: boolean; readonly locked: boolean; readonly failure?: unknown };

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
  batchesPerPass = 5,
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

  /**
   * One transaction, holding the relay lock, sends up to `batchesPerPass` batches. The batches
   * are pipelined with the bus: while the bus confirms batch k, batch k+1 is already claimed, and
   * batch k is marked sent while batch k+1 is published. Batch k+1 is published only once every
   * event of batch k was confirmed, so a failure never lets a later event overtake an unsent one.
   * Statements on the transaction still run one at a time, in the order they were asked for.
   */
  const pass = async (): Promise<PassResult> => {
    const result = await db.transaction(async (tx): Promise<PassResult & { confirmed: readonly EventEnvelope[] }> => {
      let events = await claimUnsent(tx, db.kind, batchSize);
      if (events === null) return { sent: 0, more: false, locked: true, confirmed: [] };
      let statements: Promise<unknown> = Promise.resolve();
      const inOrder = <T>(statement: () => Promise<T>): Promise<T> => {
        const done = statements.then(statement);
        // The chain observes every statement, so a claim asked for ahead that fails after the
        // pass already failed is never an unhandled rejection.
        statements = done.catch(() => undefined);
        return done;
      };
      const confirmed: EventEnvelope[] = [];
      let marking: Promise<void> = Promise.resolve();
      let more = false;
      try {
        for (let batch = 1; events.length > 0; batch += 1) {
          const current: readonly EventEnvelope[] = events;
          const publishing = Promise.allSettled(current.map((event) => bus.publish(event)));
          const full = current.length === batchSize;
          const after = current.at(-1)!.position;
          const next = full && batch < batchesPerPass ? inOrder(() => claimUnsentAfter(tx, after, batchSize)) : undefined;
          const results = await publishing;
          const firstFailure = results.findIndex((r) => r.status === 'rejected');
          const sent = firstFailure === -1 ? current : current.slice(0, firstFailure);
          confirmed.push(...sent);
          const positions = sent.map((e) => e.position);
          await marking;
          marking = inOrder(() => markSent(tx, positions));
          if (firstFailure !== -1) {
            await marking;
            const failure = (results[firstFailure] as PromiseRejectedResult).reason as unknown;
            return { sent: confirmed.length, more: false, locked: false, confirmed, failure };
          }
          more = full && next === undefined;
          events = next === undefined ? [] : await next;
        }
        await marking;
        return { sent: confirmed.length, more, locked: false, confirmed };
      } finally {
        // Whatever was asked of the transaction has ended before it commits or rolls back.
        await statements;
      }
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
        const { sent, more, locked, failure } = await pass();
        if (failure !== undefined) throw failure;
        failures = 0;
        if (more) wanted = true;
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
