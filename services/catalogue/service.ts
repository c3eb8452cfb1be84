import type { TokenSettings } from '#platform/auth/tokens';
import { createDomainServiceRuntime, type DomainServiceInfrastructure } from '#platform/lifecycle/domain-service-runtime';
import type { Clock } from './domain/ports.ts';
import { createCatalogueRouter } from './http/router.ts';
import { catalogueMigrations } from './store/migrations.ts';
import { createPgCatalogueRepository } from './store/pg-catalogue-repository.ts';
import { makeGetEpisode } from './use-cases/get-episode/get-episode.ts';
import { makeGetProgramme } from './use-cases/get-programme/get-programme.ts';
import { makeListProgrammeEpisodes } from './use-cases/list-programme-episodes/list-programme-episodes.ts';
import { makePublishEpisode } from './use-cases/publish-episode/publish-episode.ts';
import { makePublishProgramme } from './use-cases/publish-programme/publish-programme.ts';
import { makeWithdrawEpisode } from './use-cases/withdraw-episode/withdraw-episode.ts';
import { catalogueTemplates } from './http/forms.ts';

export type { PublishEpisodeCommand } from './use-cases/publish-episode/publish-episode.ts';
export type { PublishProgrammeCommand } from './use-cases/publish-programme/publish-programme.ts';
export type { WithdrawEpisodeCommand } from './use-cases/withdraw-episode/withdraw-episode.ts';

export interface CatalogueServiceDeps extends DomainServiceInfrastructure {
  readonly auth: TokenSettings;
  readonly clock?: Clock;
}

/**
 * The catalogue service: migrates its store, wires its use cases to the repository (whose
 * commits clear the read cache and wake the outbox relay), and returns its routers, its
 * commands (for the demo loader) and its lifecycle. The only thing the outside imports.
 */
export const createCatalogueService = async ({ auth, clock = { now: () => new Date() }, ...infrastructure }: CatalogueServiceDeps) => {
  const runtime = await createDomainServiceRuntime('catalogue', catalogueMigrations, infrastructure);
  const { db } = infrastructure;
  const cache = runtime.readCache;
  const repository = createPgCatalogueRepository(db, runtime.onCommitted);
  const commands = {
    publishProgramme: makePublishProgramme({ repository, clock }),
    publishEpisode: makePublishEpisode({ repository, clock }),
    withdrawEpisode: makeWithdrawEpisode({ repository, clock }),
  };
  const reads = {
    getProgramme: makeGetProgramme({ repository }),
    getEpisode: makeGetEpisode({ repository }),
    listProgrammeEpisodes: makeListProgrammeEpisodes({ repository }),
  };
  const router = createCatalogueRouter({ auth, cache, repository, ...commands, ...reads });
  return {
    name: 'catalogue' as const,
    routers: [router, runtime.feedRouter],
    commands,
    relay: runtime.relay,
    /** Its read cache, whose hit and miss counts the composition root reports as metrics. */
    readCache: cache,
    templates: catalogueTemplates,
    readiness: runtime.readiness,
    start: runtime.start,
    stop: runtime.stop,
  };
};

export type CatalogueService = Awaited<ReturnType<typeof createCatalogueService>>;
