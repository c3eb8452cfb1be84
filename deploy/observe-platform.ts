import type { EventBus } from '#platform/messaging/event-bus';
import type { Metrics, Sample } from '#platform/metrics/metrics';

/** The parts of the composed platform whose state GET /metrics reports. */
export interface Observed {
  readonly bus?: EventBus;
  readonly services: readonly {
    readonly name: string;
    readonly relay: { backlog(): Promise<number> };
    readonly readCache: { stats(): { hits: number; misses: number } };
  }[];
  readonly availability?: {
    status(): Promise<{ sources: readonly { source: string; lagEvents: number | null; lagSeconds: number | null }[] }>;
  };
  readonly gateway?: {
    readonly upstreams: {
      readonly clients: Record<string, { breaker: { state(): string }; cacheCounts(): { hits: number; misses: number } }>;
    };
  };
}

const CIRCUIT_STATES = ['closed', 'half-open', 'open'] as const;

type ConsumerStatus = { depth?: number; retrying?: number; deadLettered?: number };

/** Per-consumer queue figures from either bus's status (RabbitMQ reports each queue; in-process one total). */
const consumerSamples = async (bus: EventBus, field: keyof ConsumerStatus): Promise<Sample[]> => {
  const status = await bus.status();
  const consumers = (status.consumers ?? {}) as Record<string, ConsumerStatus>;
  const samples = Object.entries(consumers).flatMap(([consumer, s]) =>
    typeof s[field] === 'number' ? [{ labels: { consumer }, value: s[field] }] : [],
  );
  if (status.kind === 'in-process' && field === 'deadLettered' && typeof status.deadLettered === 'number')
    samples.push({ labels: { consumer: 'in-process' }, value: status.deadLettered });
  return samples;
};

/**
 * Registers the scrape-time metrics of whatever this process composed: outbox backlog per
 * service, projection lag per source, queue depth and dead letters per consumer, bus
 * connection, read-cache and gateway part-cache hits and misses, circuit-breaker states.
 */
export const observePlatform = (metrics: Metrics, observed: Observed): void => {
  const { bus, services, availability, gateway } = observed;
  if (services.length > 0) {
    metrics.observe('outbox_backlog', 'Committed events not yet confirmed by the bus', ['service'], () =>
      Promise.all(services.map(async (s) => ({ labels: { service: s.name }, value: await s.relay.backlog() }))),
    );
  }
  const cacheSamples = (): Sample[] => [
    ...services.flatMap((s) => {
      const { hits, misses } = s.readCache.stats();
      return [
        { labels: { cache: `${s.name}-read`, result: 'hit' }, value: hits },
        { labels: { cache: `${s.name}-read`, result: 'miss' }, value: misses },
      ];
    }),
    ...Object.entries(gateway?.upstreams.clients ?? {}).flatMap(([name, client]) => {
      const { hits, misses } = client.cacheCounts();
      return [
        { labels: { cache: `gateway-${name}`, result: 'hit' }, value: hits },
        { labels: { cache: `gateway-${name}`, result: 'miss' }, value: misses },
      ];
    }),
  ];
  metrics.observe('cache_requests_total', 'Cache lookups by cache and result (hit or miss)', ['cache', 'result'], cacheSamples, 'counter');
  if (availability) {
    const lag = (field: 'lagEvents' | 'lagSeconds') => async () =>
      (await availability.status()).sources.flatMap((s) => (s[field] === null ? [] : [{ labels: { source: s.source }, value: s[field] }]));
    metrics.observe(
      'projection_lag_events',
      'Events a source has logged that the availability projection has not applied',
      ['source'],
      lag('lagEvents'),
    );
    metrics.observe(
      'projection_lag_seconds',
      'Age of the oldest source event the projection has not applied',
      ['source'],
      lag('lagSeconds'),
    );
  }
  if (bus) {
    metrics.observe('bus_connected', '1 while the bus is connected', [], async () => [
      { labels: {}, value: (await bus.status()).connected ? 1 : 0 },
    ]);
    metrics.observe('consumer_queue_depth', "Messages ready in a consumer's work queue", ['consumer'], () => consumerSamples(bus, 'depth'));
    metrics.observe('events_dead_lettered', "Messages in a consumer's dead-letter queue, waiting for an operator", ['consumer'], () =>
      consumerSamples(bus, 'deadLettered'),
    );
  }
  if (gateway) {
    metrics.observe('circuit_breaker_state', 'Gateway circuit per upstream: 1 for its current state', ['upstream', 'state'], () =>
      Object.entries(gateway.upstreams.clients).flatMap(([upstream, client]) => {
        const current = client.breaker.state();
        return CIRCUIT_STATES.map((state) => ({ labels: { upstream, state }, value: state === current ? 1 : 0 }));
      }),
    );
  }
};
