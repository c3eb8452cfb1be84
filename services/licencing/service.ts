import { randomUUID } from 'node:crypto';
import type { TokenSettings } from '#platform/auth/tokens';
import { createDomainServiceRuntime, type DomainServiceInfrastructure } from '#platform/lifecycle/domain-service-runtime';
import type { Clock } from './domain/ports.ts';
import { createLicencingRouter } from './http/router.ts';
import { licencingMigrations } from './store/migrations.ts';
import { createPgLicenceRepository } from './store/pg-licence-repository.ts';
import { makeAmendLicenceWindow } from './use-cases/amend-licence-window/amend-licence-window.ts';
import { makeGetLicence } from './use-cases/get-licence/get-licence.ts';
import { makeGrantLicence } from './use-cases/grant-licence/grant-licence.ts';
import { makeRevokeLicence } from './use-cases/revoke-licence/revoke-licence.ts';
import { licencingTemplates } from './http/forms.ts';

export interface LicencingServiceDeps extends DomainServiceInfrastructure {
  readonly auth: TokenSettings;
  /** The platforms licences may name (configuration's `PLATFORMS`: ios, android, samsung, web). */
  readonly platforms: readonly string[];
  readonly clock?: Clock;
}

const assertPlatforms = (platforms: readonly string[]): readonly [string, ...string[]] => {
  if (platforms.length === 0) throw new Error('The licencing service needs at least one platform.');
  return platforms as readonly [string, ...string[]];
};

/**
 * The licencing service: migrates its store, wires its use cases to the repository (whose
 * commits clear the read cache and wake the outbox relay), and returns its routers, its
 * commands (for the demo loader) and its lifecycle. The only thing the outside imports.
 */
export const createLicencingService = async ({
  auth,
  platforms,
  clock = { now: () => new Date() },
  ...infrastructure
}: LicencingServiceDeps) => {
  const configured = assertPlatforms([...platforms]);
  const runtime = await createDomainServiceRuntime('licencing', licencingMigrations, infrastructure);
  const { db } = infrastructure;
  const cache = runtime.readCache;
  const repository = createPgLicenceRepository(db, runtime.onCommitted);
  const commands = {
    grantLicence: makeGrantLicence({ repository, clock, platforms: configured, newLicenceId: randomUUID }),
    revokeLicence: makeRevokeLicence({ repository, clock }),
    amendLicenceWindow: makeAmendLicenceWindow({ repository, clock }),
  };
  const router = createLicencingRouter({
    auth,
    cache,
    repository,
    platforms: configured,
    ...commands,
    getLicence: makeGetLicence({ repository }),
  });
  return {
    name: 'licencing' as const,
    routers: [router, runtime.feedRouter],
    commands,
    relay: runtime.relay,
    /** Its read cache, whose hit and miss counts the composition root reports as metrics. */
    readCache: cache,
    templates: licencingTemplates(configured),
    readiness: runtime.readiness,
    start: runtime.start,
    stop: runtime.stop,
  };
};

export type LicencingService = Awaited<ReturnType<typeof createLicencingService>>;
