import type { Logger } from 'pino';
import type { TokenSettings } from '../platform/auth/tokens.ts';
import type { Config } from '../platform/config/config.ts';
import type { Database } from '../platform/storage/database.ts';
import { createGuidanceService } from '../services/guidance/service.ts';
import { createAvailabilityComponent } from './availability-component.ts';
import type { Component } from './component.ts';
import { createBus, openDatabase } from './infrastructure.ts';

export const COMPONENT_NAMES = ['catalogue', 'guidance', 'licencing', 'availability', 'gateway'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/**
 * The one composition root: builds the chosen components (all of them by default) on the
 * adapters the configuration selects. `deploy/all-in-one.ts` serves them all in one process;
 * `deploy/one-service.ts` serves one per process. No code moves between the two.
 */
export const composePlatform = async (config: Config, logger: Logger, names: readonly ComponentName[] = COMPONENT_NAMES) => {
  const bus = await createBus(config, logger, names.length === 1 ? names[0]! : 'vod');
  const auth: TokenSettings = { secret: config.TOKEN_SECRET, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE };
  const databases: Database[] = [];
  const open = async (service: string) => {
    const db = await openDatabase(config, service);
    databases.push(db);
    return db;
  };
  const components: Component[] = [];
  const wanted = (name: ComponentName) => names.includes(name);

  const guidance = wanted('guidance')
    ? await createGuidanceService({ db: await open('guidance'), bus, logger: logger.child({ service: 'guidance' }), auth })
    : undefined;
  if (guidance) components.push(guidance);

  let ownOrigin = `http://127.0.0.1:${config.PORT}`;
  const availability = wanted('availability')
    ? await createAvailabilityComponent(config, { bus, auth, logger: logger.child({ service: 'availability' }), ownOrigin: () => ownOrigin })
    : undefined;
  if (availability) components.push(availability.component);

  return {
    components,
    bus,
    services: { guidance, availability: availability?.service },
    /** Tells components that call their own process (the embedded feeds) where it listens. */
    listening(url: string) {
      ownOrigin = url;
    },
    /** Runs once everything started: loads the demo catalogue on a first embedded start. */
    async afterStart() {},
    async close() {
      await bus.close();
      await Promise.all(databases.map((db) => db.close()));
    },
  };
};
