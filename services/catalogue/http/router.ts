import Router from '@koa/router';
import type { TokenSettings } from '#platform/auth/tokens';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource, templated } from '#platform/http/hal';
import type { ReadCache } from '#platform/http/read-cache';
import type { CatalogueRepository } from '../domain/ports.ts';
import { getEpisodeRoute } from '../use-cases/get-episode/get-episode.http.ts';
import type { GetEpisode } from '../use-cases/get-episode/get-episode.ts';
import { getProgrammeRoute } from '../use-cases/get-programme/get-programme.http.ts';
import type { GetProgramme } from '../use-cases/get-programme/get-programme.ts';
import { listEpisodesRoute } from '../use-cases/list-episodes/list-episodes.http.ts';
import { listProgrammeEpisodesRoute } from '../use-cases/list-programme-episodes/list-programme-episodes.http.ts';
import type { ListProgrammeEpisodes } from '../use-cases/list-programme-episodes/list-programme-episodes.ts';
import { listProgrammesRoute } from '../use-cases/list-programmes/list-programmes.http.ts';
import { publishEpisodeRoute } from '../use-cases/publish-episode/publish-episode.http.ts';
import type { PublishEpisodeUseCase } from '../use-cases/publish-episode/publish-episode.ts';
import { publishProgrammeRoute } from '../use-cases/publish-programme/publish-programme.http.ts';
import type { PublishProgrammeUseCase } from '../use-cases/publish-programme/publish-programme.ts';
import { withdrawEpisodeRoute } from '../use-cases/withdraw-episode/withdraw-episode.http.ts';
import type { WithdrawEpisodeUseCase } from '../use-cases/withdraw-episode/withdraw-episode.ts';
import { catalogueErrors } from './errors.ts';

export interface CatalogueRouterDeps {
  readonly auth: TokenSettings;
  readonly cache: ReadCache<unknown>;
  readonly repository: CatalogueRepository;
  readonly publishProgramme: PublishProgrammeUseCase;
  readonly publishEpisode: PublishEpisodeUseCase;
  readonly withdrawEpisode: WithdrawEpisodeUseCase;
  readonly getProgramme: GetProgramme;
  readonly getEpisode: GetEpisode;
  readonly listProgrammeEpisodes: ListProgrammeEpisodes;
}

const root = halResource(
  { title: 'Catalogue', description: 'Programmes and their episodes: titles, synopses, channels, series and running order.' },
  '/catalogue',
  {
    programmes: templated(
      '/catalogue/programmes{?title,channel,page,size}',
      'All programmes, paged, optionally on one channel or whose title contains the words given',
    ),
    programme: templated('/catalogue/programmes/{id}', 'One programme (PUT to publish or revise it, role catalogue:write)'),
    programmeEpisodes: templated('/catalogue/programmes/{id}/episodes{?page,size}', "One programme's episodes in running order"),
    episodes: templated('/catalogue/episodes{?page,size,programme}', 'All episodes, paged, optionally of one programme'),
    episode: templated('/catalogue/episodes/{id}', 'One episode (PUT to publish or revise it, role catalogue:write)'),
    withdrawal: templated('/catalogue/episodes/{id}/withdrawal', 'POST with If-Match to withdraw an episode (role catalogue:write)'),
    events: templated('/catalogue/events{?after,limit,subject}', "The ordered event feed; with subject, one resource's edit history"),
    event: templated('/catalogue/events/{position}', 'One event of the feed, by its log position'),
  },
);

/** Every route under `/catalogue`: the root document, reads, and the editors' commands. */
export const createCatalogueRouter = (deps: CatalogueRouterDeps): Router => {
  const router = new Router({ prefix: '/catalogue' });
  router.use(catalogueErrors);
  router.get('/', (ctx) => sendRepresentation(ctx, { body: root, contentType: HAL_JSON, cacheControl: 'public, max-age=3600' }));
  listProgrammesRoute(router, deps.cache, deps.repository);
  getProgrammeRoute(router, deps.cache, deps.getProgramme);
  listProgrammeEpisodesRoute(router, deps.cache, deps.listProgrammeEpisodes);
  publishProgrammeRoute(router, deps.auth, deps.publishProgramme);
  listEpisodesRoute(router, deps.cache, deps.repository);
  getEpisodeRoute(router, deps.cache, deps.getEpisode);
  publishEpisodeRoute(router, deps.auth, deps.publishEpisode);
  withdrawEpisodeRoute(router, deps.auth, deps.withdrawEpisode);
  return router;
};
