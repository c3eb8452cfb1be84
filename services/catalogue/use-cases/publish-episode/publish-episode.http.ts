import type Router from '@koa/router';
import { z } from 'zod';
import { editorOf, requireRole, type TokenSettings } from '#platform/auth/tokens';
import { readJson } from '#platform/http/body';
import { writePrecondition } from '#platform/http/conditional';
import { parseEpisodeId } from '../../domain/ids.ts';
import { answerWrite } from '../../http/representations.ts';
import { LIMITS, zCount, zId, zText } from '../../http/schemas.ts';
import type { PublishEpisodeUseCase } from './publish-episode.ts';

const body = z.strictObject({
  programmeId: zId,
  title: zText(LIMITS.title),
  synopsis: zText(LIMITS.synopsis),
  seriesNumber: zCount(LIMITS.seriesNumber),
  orderInSeries: zCount(LIMITS.order),
  orderInProgramme: zCount(LIMITS.order),
  durationSeconds: zCount(LIMITS.durationSeconds),
});

/**
 * `PUT /catalogue/episodes/:id` (role `catalogue:write`): publish with `If-None-Match: *` or no
 * precondition (201 + Location), revise or republish with `If-Match` (200). The programme must
 * be in the catalogue (422 otherwise). Answers with the new representation and its ETag.
 */
export const publishEpisodeRoute = (router: Router, auth: TokenSettings, publishEpisode: PublishEpisodeUseCase) =>
  router.put('/episodes/:id', requireRole(auth, 'catalogue:write'), async (ctx) => {
    const episodeId = parseEpisodeId(ctx.params.id!);
    const precondition = writePrecondition(ctx);
    const fields = await readJson(ctx, body);
    const { episode, created } = await publishEpisode(
      { episodeId, ...fields, precondition },
      ctx.get('traceparent') || undefined,
      editorOf(ctx),
    );
    answerWrite(ctx, episode);
    if (created) {
      ctx.status = 201;
      ctx.set('Location', `/catalogue/episodes/${episodeId}`);
    }
  });
