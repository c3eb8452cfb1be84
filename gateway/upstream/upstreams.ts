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
  readonly now?: () => number;
}

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
export const createUpstreams = ({ origins, timeoutMs, connections, breaker, transports = {}, timeoutsMs = {}, telemetry, now }: UpstreamsOptions) => {
  const cache = createPartCache();
  const clients = Object.fromEntries(
    (Object.keys(origins) as UpstreamName[]).map((name) => [name, createUpstreamClient({ name, origin: origins[name], cache, timeoutMs: timeoutsMs[name] ?? timeoutMs, connections, breaker, transport: transports[name], telemetry, now })]),
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
    follow: (href: string, deadline?: number, revalidate = false, platform?: string): Promise<Fetched> => clientFor(href).get(href, deadline, revalidate, platform),
    async close(): Promise<void> {
      await Promise.all(Object.values(clients).map((c) => c.close()));
      cache.close();
    },
  };
};

export type Upstreams = ReturnType<typeof createUpstreams>;
