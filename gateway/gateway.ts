import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ALL_CLIENTS } from './clients/clients.ts';
import type { ClientProfile } from './clients/client-profile.ts';
import { createResponseMemo } from './http/response-memo.ts';
import { createVodRouter } from './http/vod-router.ts';
import { createApiKeyVerifier } from './http/api-keys.ts';
import { createPassthroughRouter } from './http/passthrough-router.ts';
import { platformRoot } from './http/platform-root.ts';
import { inProcessTransport, type Transport } from './upstream/transport.ts';
import { createUpstreams, type UpstreamName, type UpstreamOrigins } from './upstream/upstreams.ts';
import { createUpstreamTelemetry } from './upstream/upstream-telemetry.ts';

export interface GatewayOptions {
  /** Base URL (origin) per upstream; in the embedded mode all four are the process's own origin. */
  readonly upstreams: UpstreamOrigins;
  readonly logger: Logger;
  /** Client platforms to serve (default every known one: ios, android, samsung, web). */
  readonly platforms?: readonly string[];
  /** Requests per minute per address for callers without a valid API key; 0 turns limiting off (default 600). */
  readonly rateLimitPerMinute?: number;
  /** Requests per minute per key of each client app (an app not listed: `rateLimitPerMinute`). */
  readonly appRateLimits?: Readonly<Record<string, number>>;
  /** The operator's API key file (`npm run api-keys`); none: every caller is limited by address. */
  readonly apiKeysFile?: string;
  /** Origins allowed to read with CORS: `*`, `null` or exact origins (default none). */
  readonly corsOrigins?: readonly string[];
  /** Per-attempt timeout of an upstream call (default 400 ms). */
  readonly upstreamTimeoutMs?: number;
  /** Bound on a whole composition, retries included (default 1,500 ms). */
  readonly deadlineMs?: number;
  /** Links followed at once per request (default 16). */
  readonly concurrency?: number;
  /** Pooled connections per upstream (default 32). */
  readonly connections?: number;
  readonly breaker?: { readonly failureThreshold?: number; readonly openMs?: number };
  /**
   * Upstreams served by this very process (the embedded mode), reached through its composed
   * app's request listener instead of a loopback socket: same request, same response, no socket.
   */
  readonly inProcess?: { readonly upstreams: readonly UpstreamName[]; readonly listener: () => RequestListener | undefined };
  /** Upstreams not served by this process, whose reads the gateway passes through under their own prefix so its links resolve here. */
  readonly passthrough?: readonly UpstreamName[];
  /** Where the editors' desk is: in this process, or at an origin of its own that `/desk` here redirects to (neither: no link). */
  readonly desk?: { readonly here: boolean; readonly origin?: string };
  /** The process's metrics registry: upstream latencies and degradations are counted there. */
  readonly registry?: Registry;
}

/**
 * The gateway: client-specific compositions over availability and the domain services, reached
 * only over HTTP. Returns routers for the composition root to mount (in the embedded mode on the
 * same koa app as the services), readiness from the circuit breakers, and a stop that closes the
 * upstream pools. Reads no environment itself: see readGatewayConfig.
 */
export const createGateway = (options: GatewayOptions) => {
  const { deadlineMs = 1_500, concurrency = 16 } = options;
  const platforms = options.platforms ?? Object.keys(ALL_CLIENTS);
  const unknown = platforms.filter((p) => !Object.hasOwn(ALL_CLIENTS, p));
  if (unknown.length) throw new Error(`the gateway has no client composition for ${unknown.join(', ')}`);
  const clients: Record<string, ClientProfile> = Object.fromEntries(platforms.map((p) => [p, ALL_CLIENTS[p]!]));
  const local = options.inProcess;
  const transports: Partial<Record<UpstreamName, Transport>> = Object.fromEntries(
    (local?.upstreams ?? []).map((name) => [name, inProcessTransport(local!.listener)]),
  );
  // In one process a part is work queued on this very event loop, not a remote service that may
  // hang: its attempt may take the whole deadline, so a GC pause or a busy moment never makes a
  // part "timed out" while it is still being answered.
  const timeoutMs = options.upstreamTimeoutMs ?? 400;
  const timeoutsMs = Object.fromEntries((local?.upstreams ?? []).map((name) => [name, deadlineMs]));
  const telemetry = createUpstreamTelemetry(options.logger, options.registry);
  const upstreams = createUpstreams({
    origins: options.upstreams,
    timeoutMs,
    connections: options.connections,
    breaker: options.breaker,
    transports,
    timeoutsMs,
    telemetry,
  });
  const passthrough = (options.passthrough ?? []).map((name) =>
    createPassthroughRouter({
      name,
      transport: upstreams.clients[name].transport,
      timeoutMs: Math.max(timeoutMs, deadlineMs),
      onFailure: (_, failure) => telemetry.degraded(name, failure, 'passthrough'),
    }),
  );
  const memo = createResponseMemo();
  let stopped = false;
  const router = createVodRouter({
    memo,
    clients,
    telemetry,
    compose: () => ({ upstreams, concurrency, deadline: Date.now() + deadlineMs }),
    corsOrigins: options.corsOrigins ?? [],
    rateLimit: {
      perMinute: options.rateLimitPerMinute ?? 600,
      perApp: options.appRateLimits,
      keys: createApiKeyVerifier(options.apiKeysFile),
    },
  });
  options.logger.child({ component: 'gateway' }).info({ platforms, upstreams: options.upstreams }, 'gateway composed');
  return {
    name: 'gateway' as const,
    routers: [router, ...passthrough],
    middleware: [platformRoot(Object.keys(clients), options.desk)],
    upstreams,
    readiness: {
      // Whether this gateway can answer, not whether availability is healthy this second: an
      // open circuit is reported (and logged, and counted) but keeps the gateway in rotation,
      // since it still answers cached pages and fast 503s, and a balancer pulling every gateway
      // at once over one upstream's bad moment would take those away too.
      gateway: async () => ({
        ok: !stopped,
        circuits: Object.fromEntries(Object.entries(upstreams.clients).map(([name, client]) => [name, client.breaker.state()])),
      }),
    },
    start: () => undefined,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      memo.close();
      await upstreams.close();
    },
  };
};

export type Gateway = ReturnType<typeof createGateway>;
