import type { Logger } from 'pino';

/** One request a process sends itself before it says it is ready. */
export interface WarmRequest {
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const gatewayMediaType = 'application/vnd.itv.ctv.production.v1+hal+json';

/**
 * Each component's hot paths, as TV apps and editors' reads ask them: the README's examples.
 * Their first run compiles the routes' code, plans the stores' queries, fills the projection's
 * lazily built lists and opens the gateway's pooled connections; sent before readiness says
 * ok, they cost no client the 1.2 to 4.5 s first requests took after ready. An id that does not
 * exist still runs the same route and query (a 404 warms as well as a 200).
 */
export const WARM_UP_REQUESTS: Readonly<Record<string, readonly WarmRequest[]>> = {
  catalogue: [{ path: '/catalogue' }, { path: '/catalogue/episodes/123456' }, { path: '/catalogue/episodes?size=20' }],
  guidance: [{ path: '/guidance/episodes/123456' }],
  licencing: [{ path: '/licencing/licences?episode=123456' }],
  availability: [
    { path: '/availability/episodes?platform=ios&channel=ITV&q=Downton' },
    { path: '/availability/episodes?platform=ios' },
    { path: '/availability/episodes?platform=web&grouping=alphabetical' },
  ],
  gateway: [
    { path: '/vod/ios/episodes?channel=ITV&q=Downton&grouping=alphabetical', headers: { accept: gatewayMediaType } },
    { path: '/vod/web/episodes', headers: { accept: gatewayMediaType } },
  ],
};

/** The warm-up requests of the named components, in order. */
export const warmUpRequestsFor = (names: readonly string[]): WarmRequest[] => names.flatMap((name) => WARM_UP_REQUESTS[name] ?? []);

/**
 * Sends each request to `origin` twice (the second run meets optimised code and cached plans),
 * one at a time so that warming does not compete with itself on a busy machine. A request
 * that fails or times out is logged and passed over: warming is an optimisation, and readiness
 * checks say whether the process can serve.
 */
export const warmUp = async (
  origin: string,
  requests: readonly WarmRequest[],
  logger: Logger,
  { rounds = 2, timeoutMs = 10_000 } = {},
): Promise<void> => {
  for (let round = 0; round < rounds; round += 1) {
    for (const request of requests) {
      try {
        const response = await fetch(`${origin}${request.path}`, {
          headers: request.headers ?? {},
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer();
      } catch (error) {
        logger.debug({ err: error, path: request.path }, 'warm-up request failed');
      }
    }
  }
};
