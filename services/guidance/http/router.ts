import Router from '@koa/router';
import type { TokenSettings } from '#platform/auth/tokens';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource, templated } from '#platform/http/hal';
import type { ReadCache } from '#platform/http/read-cache';
import type { GuidanceRepository } from '../domain/ports.ts';
import { getEpisodeGuidanceRoute } from '../use-cases/get-episode-guidance/get-episode-guidance.http.ts';
import type { GetEpisodeGuidance } from '../use-cases/get-episode-guidance/get-episode-guidance.ts';
import { listEpisodeGuidanceRoute } from '../use-cases/list-episode-guidance/list-episode-guidance.http.ts';
import { setEpisodeGuidanceRoute } from '../use-cases/set-episode-guidance/set-episode-guidance.http.ts';
import type { SetEpisodeGuidance } from '../use-cases/set-episode-guidance/set-episode-guidance.ts';
import { guidanceErrors } from './errors.ts';

export interface GuidanceRouterDeps {
  readonly auth: TokenSettings;
  readonly cache: ReadCache<unknown>;
  readonly repository: GuidanceRepository;
  readonly setEpisodeGuidance: SetEpisodeGuidance;
  readonly getEpisodeGuidance: GetEpisodeGuidance;
}

const root = halResource(
  { title: 'Guidance', description: 'Viewer guidance per episode: whether it is restricted and the message viewers see.' },
  '/guidance',
  {
    episodes: templated('/guidance/episodes{?page,size}', 'All guidance, paged'),
    episode: templated('/guidance/episodes/{id}', "One episode's guidance (PUT to set it, role guidance:write)"),
    events: templated('/guidance/events{?after,limit,subject}', "The ordered event feed; with subject, one resource's edit history"),
    event: templated('/guidance/events/{position}', 'One event of the feed, by its log position'),
  },
);

/** Every route under `/guidance`: the root document, reads, and the editors' command. */
export const createGuidanceRouter = (deps: GuidanceRouterDeps): Router => {
  const router = new Router({ prefix: '/guidance' });
  router.use(guidanceErrors);
  router.get('/', (ctx) => sendRepresentation(ctx, { body: root, contentType: HAL_JSON, cacheControl: 'public, max-age=3600' }));
  listEpisodeGuidanceRoute(router, deps.cache, deps.repository);
  getEpisodeGuidanceRoute(router, deps.cache, deps.getEpisodeGuidance);
  setEpisodeGuidanceRoute(router, deps.auth, deps.setEpisodeGuidance);
  return router;
};
