import type Router from '@koa/router';
import { z } from 'zod';
import { editorOf, requireRole, type TokenSettings } from '#platform/auth/tokens';
import { readJson } from '#platform/http/body';
import { writePrecondition } from '#platform/http/conditional';
import { parseEpisodeId } from '../../domain/episode-guidance.ts';
import { sendGuidance } from '../../http/representations.ts';
import type { SetEpisodeGuidance } from './set-episode-guidance.ts';

const body = z.strictObject({
  restricted: z.boolean(),
  message: z.string().max(200).nullable().optional(),
});

/**
 * `PUT /guidance/episodes/:id` (role `guidance:write`): create with `If-None-Match: *` or no
 * precondition (201 + Location), replace with `If-Match` (200). Answers with the new
 * representation and its ETag.
 */
export const setEpisodeGuidanceRoute = (router: Router, auth: TokenSettings, setEpisodeGuidance: SetEpisodeGuidance) =>
  router.put('/episodes/:id', requireRole(auth, 'guidance:write'), async (ctx) => {
    const episodeId = parseEpisodeId(ctx.params.id!);
    const precondition = writePrecondition(ctx);
    const { restricted, message } = await readJson(ctx, body);
    const { guidance, created } = await setEpisodeGuidance(
      { episodeId, restricted, message: message ?? null, precondition },
      ctx.get('traceparent') || undefined,
      editorOf(ctx),
    );
    sendGuidance(ctx, guidance);
    if (created) {
      ctx.status = 201;
      ctx.set('Location', `/guidance/episodes/${episodeId}`);
    }
  });
