import { createPartCache } from './part-cache.ts';
import type { Transport } from './transport.ts';
import type { UpstreamTelemetry } from './upstream-telemetry.ts';
import { createUpstreamClient, type Fetched, type UpstreamClient } from './upstream-client.ts';

/** Base URLs of the services the gateway reads; one origin for all four in the embedded mode. */
export interface UpstreamOrigins {
  readonly availability: string;
  readonly catalogue: string;
  readonly guidance: string;
  readonly licencing: string;
}

export type UpstreamName = keyof UpstreamOrigins;

export interface UpstreamsOptions {
  readonly origins: UpstreamOrigins;
  readonly timeoutMs: number;
  readonly connections?: number;
  readonly breaker?: { readonly failureThreshold?: number; readonly openMs?: number };
  /** Transports for some upstreams (the embedded mode's in-process ones); the rest get an undici Pool. */
  readonly transports?: Partial<Record<UpstreamName, Transport>>;
  /** Per-attempt timeouts that differ from `timeoutMs` (the in-process upstreams'). */
  readonly timeoutsMs?: Partial<Record<UpstreamName, number>>;
  readonly telemetry?: UpstreamTelemetry;
  /** The longest a part is reused without asking (default 1 s): see `UpstreamClientOptions.maxReuseSeconds`. */
  readonly maxReuseSeconds?: number;
  readonly now?: () => number;
}

/**
 * Availability's lists may say `max-age=30` and the domain resources 10 s, and only Varnish is
 * purged by the update events: a gateway keeping parts that long answered an empty list for 30 s
 * after the first start's demo load, and an editor's change up to 30 s late to apps reading it
 * directly. One second bounds that, and a warm page still reuses its parts within the second.
 */
export const PART_REUSE_SECONDS = 1;

/** A root-relative href the gateway refuses to follow: absolute, protocol-relative or unmapped. */
export class UnfollowableLink extends Error {
  constructor(href: string) {
    super(`the gateway follows only root-relative links to its upstreams, not ${href.slice(0, 100)}`);
    this.name = 'UnfollowableLink';
  }
}

/**
 * The map from path prefix to upstream: `/catalogue/...` goes to the catalogue's origin and so on.
 * HAL links are root-relative, so following one means finding its prefix here; anything else is
 * refused, so a link can never make the gateway call an arbitrary host.
 */
export const createUpstreams = ({
  origins,
  timeoutMs,
  connections,
  breaker,
  transports = {},
  timeoutsMs = {},
  telemetry,
  maxReuseSeconds = PART_REUSE_SECONDS,
  now,
}: UpstreamsOptions) => {
  const cache = createPartCache();
  const clients = Object.fromEntries(
    (Object.keys(origins) as UpstreamName[]).map((name) => [
      name,
      createUpstreamClient({
        name,
        origin: origins[name],
        cache,
        timeoutMs: timeoutsMs[name] ?? timeoutMs,
        connections,
        breaker,
        transport: transports[name],
        telemetry,
        maxReuseSeconds,
        now,
      }),
    ]),
  ) as Record<UpstreamName, UpstreamClient>;
  const clientFor = (href: string): UpstreamClient => {
    const match = /^\/([a-z]+)(?:[/?]|$)/.exec(href);
    const client = match ? clients[match[1] as UpstreamName] : undefined;
    if (!client || !Object.hasOwn(clients, match![1]!)) throw new UnfollowableLink(href);
    return client;
  };
  return {
    clients,
    cache,
    /** Follows a root-relative HAL link to whichever upstream owns its prefix. */
    follow: (href: string, deadline?: number, revalidate = false, platform?: string): Promise<Fetched> =>
      clientFor(href).get(href, deadline, revalidate, platform),
    async close(): Promise<void> {
      await Promise.all(Object.values(clients).map((c) => c.close()));
      cache.close();
    },
  };
};

export type Upstreams = ReturnType<typeof createUpstreams>;
