import type { Logger } from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import type { EventBus } from '#platform/messaging/event-bus';
import type { WaitApplied } from './applied-positions.ts';
import { createListingMemory, keysForEvent } from './purge-keys.ts';
import type { Purge } from './varnish-purger.ts';

/** The durable consumer name: the invalidator's own queue on RabbitMQ. */
export const INVALIDATOR_CONSUMER = 'edge-invalidator';

export interface InvalidatorOptions {
  readonly bus: EventBus;
  readonly purge: Purge;
  /** Resolves once availability has applied an event (see createAppliedWatch). */
  readonly applied: WaitApplied;
  readonly logger: Logger;
  readonly registry: Registry;
  /** How long to wait for availability before purging anyway (default 5 s). */
  readonly appliedTimeoutMs?: number;
  /** Purge attempts per event before the bus is told it failed (it retries, then dead-letters). */
  readonly attempts?: number;
  readonly backoff?: { readonly firstMs: number; readonly maxMs: number };
  /**
   * Soft purges of the same keys this long after the first (default 2 s; empty turns them off).
   * A fetch that overlapped the first purge is not kept (edge/vcl/vod.vcl), but an availability
   * process other than the one that confirmed the event (several on a shared MongoDB) may
   * answer from its page cache for up to a second longer. Soft, so an answer refilled fresh in
   * between costs no miss, only a refetch in the background.
   */
  readonly repurgeAfterMs?: readonly number[];
  /** An event purged this long after its commit is logged with its stages (default 1 s). */
  readonly slowMs?: number;
}

/** The source an event belongs to, as availability's status names it (`licencing.licence.granted` → `licencing`). */
const sourceOf = (event: EventEnvelope) => event.type.split('.')[0]!;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The edge invalidator: consumes every update event on its own durable queue (or the in-process
 * bus), waits until availability has applied it, then purges the keys it makes stale from every
 * Varnish, retrying with exponential backoff. The event is acknowledged only once the purge
 * succeeded, so a restart of Varnish, the broker or this process loses none. Purges, purged
 * objects, failures and the delay from the event's commit to its purge are in `/metrics`.
 */
export const createInvalidator = (options: InvalidatorOptions) => {
  const {
    bus,
    purge,
    applied,
    registry,
    appliedTimeoutMs = 5_000,
    attempts = 8,
    backoff = { firstMs: 100, maxMs: 5_000 },
    repurgeAfterMs = [2_000],
    slowMs = 1_000,
  } = options;
  const log = options.logger.child({ component: 'invalidator' });
  // What each episode's last catalogue event said of the facts lists are made from (see purge-keys.ts).
  const listsMayChange = createListingMemory();
  const registers = [registry];
  const purges = new Counter({
    name: 'vod_edge_purges_total',
    help: 'Purge requests sent to the edge caches, by outcome (purged, failed) and kind (first, repeat)',
    labelNames: ['outcome', 'kind'] as const,
    registers,
  });
  const objects = new Counter({
    name: 'vod_edge_purged_objects_total',
    help: 'Cached answers the edge caches reported dropped',
    registers,
  });
  const unconfirmed = new Counter({
    name: 'vod_edge_purges_unconfirmed_total',
    help: 'Events purged before availability confirmed applying them (it did not within the deadline)',
    registers,
  });
  const delay = new Histogram({
    name: 'vod_edge_purge_delay_seconds',
    help: "From an event's commit to its keys purged at the edge",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const stages = new Histogram({
    name: 'vod_edge_stage_seconds',
    help: "Where an event's way to the edge goes, by stage: delivered (its commit to this consumer: outbox relay and broker), applied (until availability confirmed applying it), purged (the first purge confirmed)",
    labelNames: ['stage'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;

  const purgeOnce = async (keys: readonly string[], kind: 'first' | 'repeat') => {
    try {
      objects.inc(await purge(keys, kind === 'repeat'));
      purges.inc({ outcome: 'purged', kind });
    } catch (error) {
      purges.inc({ outcome: 'failed', kind });
      throw error;
    }
  };

  const purgeWithBackoff = async (event: EventEnvelope, keys: readonly string[]) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await purgeOnce(keys, 'first');
      } catch (error) {
        if (attempt >= attempts || stopping) throw error;
        const wait = Math.min(backoff.maxMs, backoff.firstMs * 2 ** (attempt - 1));
        log.warn({ err: error, eventId: event.id, type: event.type, attempt, retryInMs: wait }, 'purge failed; retrying');
        await pause(wait);
      }
    }
  };

  const handle = async (event: EventEnvelope) => {
    const keys = keysForEvent(event, listsMayChange);
    let mark = Date.now();
    const laps: Record<string, number> = {};
    const lap = (stage: 'delivered' | 'applied' | 'purged', since = mark) => {
      const now = Date.now();
      laps[stage] = Math.max(0, now - since);
      stages.observe({ stage }, laps[stage] / 1000);
      mark = now;
    };
    lap('delivered', Date.parse(event.time));
    if (!(await applied(sourceOf(event), event.position, appliedTimeoutMs))) {
      unconfirmed.inc();
      log.warn(
        { eventId: event.id, type: event.type, position: event.position },
        'availability has not confirmed applying the event; purging anyway',
      );
    }
    lap('applied');
    await purgeWithBackoff(event, keys);
    lap('purged');
    const total = Math.max(0, Date.now() - Date.parse(event.time));
    delay.observe(total / 1000);
    // Which stage made an event slow to the edge, one by one (the histogram has only the spread).
    if (total > slowMs)
      log.warn(
        { eventId: event.id, type: event.type, subject: event.subject, totalMs: total, stagesMs: laps },
        'event slow to reach the edge',
      );
    for (const after of stopping ? [] : repurgeAfterMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        purgeOnce(keys, 'repeat').catch((error) => log.warn({ err: error, eventId: event.id }, 'repeat purge failed'));
      }, after);
      timers.add(timer);
    }
  };

  return {
    name: 'invalidator' as const,
    routers: [],
    readiness: {},
    handle,
    start: () => bus.subscribe({ consumer: INVALIDATOR_CONSUMER, patterns: ['catalogue.#', 'guidance.#', 'licencing.#'], handle }),
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
};

export type Invalidator = ReturnType<typeof createInvalidator>;
