import type { Logger } from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { UpstreamFailure } from './upstream-error.ts';

/** Something that made an answer slower, older or less whole than it should be. */
export type Degradation = UpstreamFailure | 'retry' | 'stale' | CircuitChange | 'incomplete';

/** A circuit's change of state (`circuit-open` is a call refused by an open circuit). */
export type CircuitChange = 'circuit-opened' | 'circuit-half-opened' | 'circuit-closed';

/**
 * What the gateway tells operators about its upstreams: a latency histogram per upstream and,
 * for every degradation, a warn line (with the trace id, from the request's async scope, the
 * upstream and the client platform) and a count by upstream, reason and platform. Calls refused
 * by an open circuit are counted but not logged one by one: the circuit's opening was.
 */
export interface UpstreamTelemetry {
  attempted(upstream: string, seconds: number): void;
  degraded(upstream: string, reason: Degradation, platform: string, detail?: Record<string, unknown>): void;
}

const QUIET: ReadonlySet<Degradation> = new Set(['circuit-open']);

/** Telemetry on a process's registry (none: logs only) and logger. */
export const createUpstreamTelemetry = (logger: Logger, registry?: Registry): UpstreamTelemetry => {
  const registers = registry ? [registry] : [];
  const duration = new Histogram({
    name: 'vod_gateway_upstream_duration_seconds',
    help: 'Duration of each gateway call to an upstream (one attempt), by upstream',
    labelNames: ['upstream'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const degradations = new Counter({
    name: 'vod_gateway_degradations_total',
    help: 'Upstream timeouts, failures, retries, circuit changes, stale parts and incomplete answers, by upstream, reason and client platform',
    labelNames: ['upstream', 'reason', 'platform'] as const,
    registers,
  });
  const log = logger.child({ component: 'gateway-upstream' });
  return {
    attempted: (upstream, seconds) => duration.observe({ upstream }, seconds),
    degraded(upstream, reason, platform, detail = {}) {
      degradations.inc({ upstream, reason, platform });
      if (!QUIET.has(reason)) log.warn({ upstream, reason, platform, ...detail }, `gateway degraded: ${upstream} ${reason}`);
    },
  };
};

/** For tests and tools that need no telemetry. */
export const noTelemetry: UpstreamTelemetry = { attempted: () => undefined, degraded: () => undefined };
