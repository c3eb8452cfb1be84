import type { TokenSettings } from '#platform/auth/tokens';
import { createDomainServiceRuntime, type DomainServiceInfrastructure } from '#platform/lifecycle/domain-service-runtime';
import type { Clock } from './domain/ports.ts';
import { createGuidanceRouter } from './http/router.ts';
import { guidanceMigrations } from './store/migrations.ts';
import { createPgGuidanceRepository } from './store/pg-guidance-repository.ts';
import { makeGetEpisodeGuidance } from './use-cases/get-episode-guidance/get-episode-guidance.ts';
import { makeSetEpisodeGuidance } from './use-cases/set-episode-guidance/set-episode-guidance.ts';
import { guidanceTemplates } from './http/forms.ts';

export interface GuidanceServiceDeps extends DomainServiceInfrastructure {
  readonly auth: TokenSettings;
  readonly clock?: Clock;
}

/**
 * The guidance service: migrates its store, wires its use cases to the repository (whose
 * commits clear the read cache and wake the outbox relay), and returns its routers, its
 * commands (for the demo loader) and its lifecycle. The only thing the outside imports.
 */
export const createGuidanceService = async ({ auth, clock = { now: () => new Date() }, ...infrastructure }: GuidanceServiceDeps) => {
  const runtime = await createDomainServiceRuntime('guidance', guidanceMigrations, infrastructure);
  const { db } = infrastructure;
  const cache = runtime.readCache;
  const repository = createPgGuidanceRepository(db, runtime.onCommitted);
  const commands = { setEpisodeGuidance: makeSetEpisodeGuidance({ repository, clock }) };
  const router = createGuidanceRouter({ auth, cache, repository, ...commands, getEpisodeGuidance: makeGetEpisodeGuidance({ repository }) });
  return {
    name: 'guidance' as const,
    routers: [router, runtime.feedRouter],
    commands,
    relay: runtime.relay,
    /** Its read cache, whose hit and miss counts the composition root reports as metrics. */
    readCache: cache,
    templates: guidanceTemplates,
    readiness: runtime.readiness,
    start: runtime.start,
    stop: runtime.stop,
  };
};

export type GuidanceService = Awaited<ReturnType<typeof createGuidanceService>>;
