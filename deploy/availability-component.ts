import type { Logger } from 'pino';
import type { TokenSettings } from '#platform/auth/tokens';
import type { Config } from '#platform/config/config';
import { tracedFetch } from '#platform/http/traced-fetch';
import type { EventBus } from '#platform/messaging/event-bus';
import { createAvailabilityService } from '../services/availability/service.ts';
import { createAvailabilityStore } from '../services/availability/store/create-availability-store.ts';
import type { Component } from './component.ts';

/**
 * The availability aggregator as a component. Its feeds default to this process's own origin
 * (known once the server listens), or to CATALOGUE_URL / GUIDANCE_URL / LICENCING_URL. Feed
 * calls forward the current `traceparent`, so a rebuild asked for by a request stays in its trace.
 */
export const createAvailabilityComponent = async (
  config: Config,
  deps: { bus: EventBus; logger: Logger; auth: TokenSettings; ownOrigin: () => string },
) => {
  const store = await createAvailabilityStore(config);
  const base = (url: string | undefined) => () => url ?? deps.ownOrigin();
  const bases = { catalogue: base(config.CATALOGUE_URL), guidance: base(config.GUIDANCE_URL), licencing: base(config.LICENCING_URL) };
  const service = createAvailabilityService({
    store,
    bus: deps.bus,
    logger: deps.logger,
    auth: deps.auth,
    platforms: config.PLATFORMS,
    fetch: tracedFetch,
    feeds: {
      get catalogue() {
        return bases.catalogue();
      },
      get guidance() {
        return bases.guidance();
      },
      get licencing() {
        return bases.licencing();
      },
    },
  });
  const component: Component = {
    name: 'availability',
    routers: [service.router],
    middleware: [service.cachedPages],
    // Ready once caught up with the feeds (or when the shared MongoDB store already holds a
    // projection): an empty projection answering total=0 is not ready. Later lag is reported by
    // GET /availability/status, not a reason to take the aggregator out of rotation.
    readiness: { availability: () => service.readiness({ sharedStore: Boolean(config.MONGODB_URL) }) },
    start: () => service.start(),
    stop: () => service.stop(),
  };
  return { component, service, store };
};
