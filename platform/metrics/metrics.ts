import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How a read value is exposed: a level that goes up and down, or a count kept by its owner. */
export type ObservedKind = 'gauge' | 'counter';

/** One sample of a gauge read at scrape time: its labels and value. */
export interface Sample {
  readonly labels: Record<string, string>;
  readonly value: number;
}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not read within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * The metrics of one process, on a registry of its own (never prom-client's global one, so two
 * platforms in one test process cannot collide). Counters are updated where things happen;
 * state that already lives elsewhere (outbox backlog, projection lag, queue depths, cache
 * counts, circuit states) is read on each scrape through `observe`, so it is never stale.
 */
export const createMetrics = (prefix = 'vod_', readTimeoutMs = 2_000) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: 'HTTP request duration by method, route template (not raw path) and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    eventsPublished: new Counter({
      name: `${prefix}events_published_total`,
      help: 'Events the bus confirmed, by type',
      labelNames: ['type'] as const,
      registers,
    }),
    eventsConsumed: new Counter({
      name: `${prefix}events_consumed_total`,
      help: 'Events a consumer handled successfully, by consumer and type',
      labelNames: ['consumer', 'type'] as const,
      registers,
    }),
    eventsFailed: new Counter({
      name: `${prefix}event_handler_failures_total`,
      help: 'Handler attempts that threw (each is retried, then dead-lettered)',
      labelNames: ['consumer', 'type'] as const,
      registers,
    }),
    /**
     * A metric whose samples are read from `read` on every scrape; a source that fails or takes
     * longer than `readTimeoutMs` reports no samples rather than stale ones or a failed scrape.
     * A count kept by its owner (cache hits) is exposed with `kind` 'counter'.
     */
    observe(
      name: string,
      help: string,
      labelNames: readonly string[],
      read: () => Promise<readonly Sample[]> | readonly Sample[],
      kind: ObservedKind = 'gauge',
    ): void {
      const samples = (): Promise<readonly Sample[]> => withTimeout(Promise.resolve(read()), readTimeoutMs).catch(() => []);
      // prom-client's own hook: the registry calls `collect` on every scrape, before rendering.
      if (kind === 'gauge') {
        new Gauge({
          name: `${prefix}${name}`,
          help,
          labelNames,
          registers,
          async collect() {
            const read = await samples();
            this.reset();
            for (const { labels, value } of read) this.set(labels, value);
          },
        });
      } else {
        new Counter({
          name: `${prefix}${name}`,
          help,
          labelNames,
          registers,
          async collect() {
            const read = await samples();
            this.reset();
            for (const { labels, value } of read) this.inc(labels, value);
          },
        });
      }
    },
    /** Renders the registry in the Prometheus text format; observed metrics are read as it does. */
    render: (): Promise<string> => registry.metrics(),
  };
};

export type Metrics = ReturnType<typeof createMetrics>;
