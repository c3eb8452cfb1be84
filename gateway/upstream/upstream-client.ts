import { setTimeout as delay } from 'node:timers/promises';
import { readSurrogateKeys, SURROGATE_CAPABILITY, SURROGATE_CAPABILITY_HEADER, SURROGATE_KEY_HEADER } from '#platform/http/surrogate-keys';
import { currentTraceparent } from '#platform/lifecycle/trace-scope';
import { parseCacheControl } from './cache-control.ts';
import { CircuitOpenError, createCircuitBreaker, type CircuitState } from './circuit-breaker.ts';
import type { CachedPart, PartCache } from './part-cache.ts';
import { poolTransport, type Transport } from './transport.ts';
import { UpstreamError, type UpstreamFailure } from './upstream-error.ts';
import { noTelemetry, type CircuitChange, type UpstreamTelemetry } from './upstream-telemetry.ts';

export interface UpstreamClientOptions {
  readonly name: string;
  readonly origin: string;
  readonly cache: PartCache;
  readonly timeoutMs: number;
  readonly connections?: number;
  /** Where timeouts, retries, circuit changes and stale parts are logged and counted. */
  readonly telemetry?: UpstreamTelemetry;
  /** How calls reach the upstream (default: an undici Pool to `origin`). */
  readonly transport?: Transport;
  /** Kept past freshness for outages when the upstream does not say `stale-if-error`. */
  readonly defaultStaleIfErrorSeconds?: number;
  /** Freshness of a 404 that says nothing (problem bodies rarely carry Cache-Control); RFC 9111 lets a cache pick one. */
  readonly absentMaxAgeSeconds?: number;
  /**
   * The longest the gateway reuses a part without asking again, whatever `max-age` granted
   * (default: no bound). Nothing purges the gateway's own memory when an editor's change lands, so
   * the composition bounds it; past it a part is revalidated with If-None-Match (a 304 when
   * unchanged), and stale copies still bridge outages for `max-age` + `stale-if-error`.
   */
  readonly maxReuseSeconds?: number;
  readonly breaker?: { readonly failureThreshold?: number; readonly openMs?: number };
  readonly now?: () => number;
}

/** An upstream answer as the composition sees it; `stale` when served from cache during an error. */
export interface Fetched extends CachedPart {
  readonly stale: boolean;
}

class Retryable extends Error {
  constructor(readonly failure: UpstreamFailure) {
    super(failure);
  }
}

const CACHEABLE = new Set([200, 404]);

const CHANGES: Record<CircuitState, CircuitChange> = {
  open: 'circuit-opened',
  'half-open': 'circuit-half-opened',
  closed: 'circuit-closed',
};

/** The `Via` header of every upstream call (RFC 9110 §7.6.3). */
export const GATEWAY_VIA = '1.1 vod-gateway';

/**
 * A HAL client for one upstream: its own transport (an undici Pool, so a slow service cannot
 * take another's connections, or the same process's app), a timeout per attempt, at most one retry with jitter, a circuit breaker, and a
 * shared part cache honouring Cache-Control and revalidating with If-None-Match. Concurrent asks
 * for the same path share one call. When every attempt fails it serves the stale copy if any.
 */
export const createUpstreamClient = (options: UpstreamClientOptions) => {
  const {
    name,
    cache,
    timeoutMs,
    now = Date.now,
    defaultStaleIfErrorSeconds = 300,
    absentMaxAgeSeconds = 10,
    maxReuseSeconds = Infinity,
    telemetry = noTelemetry,
  } = options;
  const transport = options.transport ?? poolTransport(options.origin, options.connections ?? 32);
  const breaker = createCircuitBreaker({ name, ...options.breaker, now });
  const inFlight = new Map<string, Promise<Fetched>>();
  const counts = { hits: 0, misses: 0 };

  const attempt = async (path: string, cached: CachedPart | undefined, budgetMs: number): Promise<CachedPart> => {
    // `Via` marks a gateway hop: a draining process keeps such connections open for the hops
    // still to come of requests it is finishing (see createHttpApp).
    // The capability asks for the parts' surrogate keys: the gateway states them on its own answers (to an edge that asks).
    const headers: Record<string, string> = {
      accept: 'application/hal+json',
      via: GATEWAY_VIA,
      [SURROGATE_CAPABILITY_HEADER]: SURROGATE_CAPABILITY,
    };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    const traceparent = currentTraceparent();
    if (traceparent) headers.traceparent = traceparent;
    let response;
    const started = performance.now();
    try {
      response = await transport.request({ path, method: 'GET', headers, signal: AbortSignal.timeout(budgetMs) });
    } catch (error) {
      throw new Retryable((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError' ? 'timeout' : 'unreachable');
    } finally {
      telemetry.attempted(name, (performance.now() - started) / 1000);
    }
    const { statusCode } = response;
    const header = response.headers['cache-control'] as string | undefined;
    const parsed = parseCacheControl(header, defaultStaleIfErrorSeconds);
    const freshness = statusCode === 404 && header === undefined ? { ...parsed, maxAge: absentMaxAgeSeconds } : parsed;
    const etag = response.headers.etag as string | undefined;
    const at = now();
    const keys = readSurrogateKeys(response.headers[SURROGATE_KEY_HEADER]);
    const { shared } = freshness;
    const edge = { until: at + shared.maxAge * 1000, staleWhileRevalidate: shared.staleWhileRevalidate, staleIfError: shared.staleIfError };
    const times = {
      freshUntil: at + (freshness.noStore ? 0 : Math.min(freshness.maxAge, maxReuseSeconds) * 1000),
      grantedUntil: at + (freshness.noStore ? 0 : freshness.maxAge * 1000),
      staleUntil: freshness.noStore ? 0 : at + (freshness.maxAge + freshness.staleIfError) * 1000,
      edge,
    };
    try {
      if (statusCode === 304 && cached) {
        await response.body.dump();
        return { ...cached, etag: etag ?? cached.etag, ...times, keys: keys.length > 0 ? keys : cached.keys };
      }
      if (statusCode >= 500) {
        await response.body.dump();
        throw new Retryable('server-error');
      }
      const body = statusCode === 200 ? await response.body.json() : await response.body.dump();
      return {
        status: statusCode,
        body,
        etag,
        keys,
        ...(CACHEABLE.has(statusCode) ? times : { freshUntil: 0, grantedUntil: 0, staleUntil: 0, edge: { ...edge, until: 0 } }),
      };
    } catch (error) {
      if (error instanceof Retryable) throw error;
      throw new Retryable((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError' ? 'timeout' : 'bad-body');
    }
  };

  /** Runs a breaker step and reports the circuit's change of state, if it made one. */
  const step = (platform: string, run: () => void) => {
    const before = breaker.state();
    try {
      run();
    } finally {
      const after = breaker.state();
      if (after !== before) telemetry.degraded(name, CHANGES[after], platform, { from: before });
    }
  };

  const load = async (path: string, cached: CachedPart | undefined, deadline: number, platform: string): Promise<Fetched> => {
    let failure: UpstreamFailure = 'unreachable';
    for (let tries = 0; tries < 2; tries += 1) {
      const budget = Math.min(timeoutMs, deadline - now());
      if (budget <= 0) break;
      try {
        step(platform, () => breaker.assertCallable());
      } catch (error) {
        if (!(error instanceof CircuitOpenError)) throw error;
        telemetry.degraded(name, 'circuit-open', platform);
        return staleOr(path, cached, 'circuit-open', platform, error.retryAfterMs);
      }
      try {
        const part = await attempt(path, cached, budget);
        step(platform, () => breaker.succeeded());
        cache.set(path, part, now());
        return { ...part, stale: false };
      } catch (error) {
        step(platform, () => breaker.failed());
        failure = (error as Retryable).failure ?? 'unreachable';
        telemetry.degraded(name, failure, platform, { path, budgetMs: Math.round(budget) });
        if (tries === 0) {
          await delay(10 + Math.random() * 40);
          if (deadline > now()) telemetry.degraded(name, 'retry', platform, { path, failure });
        }
      }
    }
    return staleOr(path, cached, failure, platform);
  };

  const staleOr = (
    path: string,
    cached: CachedPart | undefined,
    failure: UpstreamFailure,
    platform: string,
    retryAfterMs?: number,
  ): Fetched => {
    if (cached && cached.staleUntil > now()) {
      telemetry.degraded(name, 'stale', platform, { path, failure });
      return { ...cached, stale: true };
    }
    throw new UpstreamError(name, failure, retryAfterMs);
  };

  return {
    name,
    breaker,
    /**
     * GETs a root-relative path, from cache while fresh; `deadline` is an epoch-ms bound on the
     * whole call. `revalidate` asks the upstream even when the cached copy is fresh (an
     * If-None-Match, so usually a bodiless 304): the edge's refetch after a purge wants that.
     * `platform` is the client platform the call is made for, named in logs and metrics.
     */
    get(path: string, deadline: number = now() + 2 * timeoutMs + 50, revalidate = false, platform = 'none'): Promise<Fetched> {
      const cached = cache.get(path);
      if (cached && !revalidate && cached.freshUntil > now()) {
        counts.hits += 1;
        return Promise.resolve({ ...cached, stale: false });
      }
      counts.misses += 1;
      // A revalidation joins no call in flight: one begun before the change the edge was purged
      // for may answer what it was; calls after it share the revalidation.
      const running = revalidate ? undefined : inFlight.get(path);
      if (running) return running;
      const loading: Promise<Fetched> = load(path, cached, deadline, platform).finally(() => {
        if (inFlight.get(path) === loading) inFlight.delete(path);
      });
      inFlight.set(path, loading);
      return loading;
    },
    /** Part-cache hits (fresh, no call) and misses (a call or a revalidation) since start, for metrics. */
    cacheCounts: () => ({ ...counts }),
    /** Sends one request as it is (the read-only passthrough), with no cache, retry or breaker. */
    transport,
    close: () => transport.close(),
  };
};

export type UpstreamClient = ReturnType<typeof createUpstreamClient>;
