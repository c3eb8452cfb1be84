import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { EventBus } from '#platform/messaging/event-bus';
import { createAppliedWatch, readAvailabilityPositions } from '../edge/invalidator/applied-positions.ts';
import { createInvalidator } from '../edge/invalidator/invalidator.ts';
import { createVarnishPurger } from '../edge/invalidator/varnish-purger.ts';
import type { Component } from './component.ts';

export interface InvalidatorComponentDeps {
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly registry: Registry;
  /** The edge Varnish to purge (VARNISH_URL). */
  readonly varnishUrl: string;
  /** Where availability's status is read: AVAILABILITY_URL, or this process's own origin once it listens. */
  readonly availabilityUrl: () => string;
}

/**
 * The edge invalidator as a component: its own queue on the bus, availability's status as the
 * signal that an event is applied, and the Varnish purger. Built only when VARNISH_URL is set.
 */
export const createInvalidatorComponent = (deps: InvalidatorComponentDeps): Component => {
  const watch = createAppliedWatch(() => readAvailabilityPositions(deps.availabilityUrl())());
  const invalidator = createInvalidator({
    bus: deps.bus,
    purge: createVarnishPurger([deps.varnishUrl]),
    applied: watch.wait,
    logger: deps.logger,
    registry: deps.registry,
  });
  return {
    name: invalidator.name,
    routers: [],
    readiness: {},
    start: () => invalidator.start(),
    async stop() {
      watch.stop();
      await invalidator.stop();
    },
  };
};
