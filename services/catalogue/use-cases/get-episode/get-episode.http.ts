import type Router from '@koa/router';
import type { ReadCache } from '#platform/http/read-cache';
import type { Episode } from '../../domain/episode.ts';
import { parseEpisodeId } from '../../domain/ids.ts';
import { sendEpisode } from '../../http/representations.ts';
import type { GetEpisode } from './get-episode.ts';

/** `GET /catalogue/episodes/:id`: public, cached until the service's next write. */
export const getEpisodeRoute = (router: Router, cache: ReadCache<unknown>, getEpisode: GetEpisode) =>
  router.get('/episodes/:id', async (ctx) => {
    const episodeId = parseEpisodeId(ctx.params.id!);
    const episode = (await cache.get(`episode:${episodeId}`, () => getEpisode(episodeId))) as Episode;
    sendEpisode(ctx, episode);
  });
