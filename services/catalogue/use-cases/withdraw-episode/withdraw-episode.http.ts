import type Router from '@koa/router';
import { editorOf, requireRole, type TokenSettings } from '#platform/auth/tokens';
import { expectedVersion } from '#platform/http/conditional';
import { parseEpisodeId } from '../../domain/ids.ts';
import { answerWrite } from '../../http/representations.ts';
import type { WithdrawEpisodeUseCase } from './withdraw-episode.ts';

/**
 * `POST /catalogue/episodes/:id/withdrawal` (role `catalogue:write`, `If-Match` required: 428
 * when missing, 412 when stale). The command has no body; answers with the withdrawn episode
 * and its new ETag.
 */
export const withdrawEpisodeRoute = (router: Router, auth: TokenSettings, withdrawEpisode: WithdrawEpisodeUseCase) =>
  router.post('/episodes/:id/withdrawal', requireRole(auth, 'catalogue:write'), async (ctx) => {
    const episodeId = parseEpisodeId(ctx.params.id!);
    const version = expectedVersion(ctx);
    const episode = await withdrawEpisode({ episodeId, version }, ctx.get('traceparent') || undefined, editorOf(ctx));
    answerWrite(ctx, episode);
  });
