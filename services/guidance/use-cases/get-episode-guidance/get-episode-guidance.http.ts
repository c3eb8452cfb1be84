import type Router from '@koa/router';
import type { ReadCache } from '#platform/http/read-cache';
import type { EpisodeGuidance } from '../../domain/episode-guidance.ts';
import { parseEpisodeId } from '../../domain/episode-guidance.ts';
import { sendGuidance } from '../../http/representations.ts';
import type { GetEpisodeGuidance } from './get-episode-guidance.ts';

/** `GET /guidance/episodes/:id`: public, cached until the service's next write. */
export const getEpisodeGuidanceRoute = (router: Router, cache: ReadCache<unknown>, getEpisodeGuidance: GetEpisodeGuidance) =>
  router.get('/episodes/:id', async (ctx) => {
    const episodeId = parseEpisodeId(ctx.params.id!);
    const guidance = (await cache.get(`episode:${episodeId}`, () => getEpisodeGuidance(episodeId))) as EpisodeGuidance;
    sendGuidance(ctx, guidance);
  });
