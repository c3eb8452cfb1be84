import type Router from '@koa/router';
import { z } from 'zod';
import { editorOf, requireRole, type TokenSettings } from '#platform/auth/tokens';
import { readJson } from '#platform/http/body';
import { writePrecondition } from '#platform/http/conditional';
import { parseProgrammeId } from '../../domain/ids.ts';
import { answerWrite } from '../../http/representations.ts';
import { LIMITS, zText } from '../../http/schemas.ts';
import type { PublishProgrammeUseCase } from './publish-programme.ts';

const body = z.strictObject({
  title: zText(LIMITS.title),
  channel: zText(LIMITS.channel),
  synopsis: zText(LIMITS.synopsis),
});

/**
 * `PUT /catalogue/programmes/:id` (role `catalogue:write`): publish with `If-None-Match: *` or
 * no precondition (201 + Location), revise with `If-Match` (200). Answers with the new
 * representation and its ETag.
 */
export const publishProgrammeRoute = (router: Router, auth: TokenSettings, publishProgramme: PublishProgrammeUseCase) =>
  router.put('/programmes/:id', requireRole(auth, 'catalogue:write'), async (ctx) => {
    const programmeId = parseProgrammeId(ctx.params.id!);
    const precondition = writePrecondition(ctx);
    const fields = await readJson(ctx, body);
    const { programme, created } = await publishProgramme(
      { programmeId, ...fields, precondition },
      ctx.get('traceparent') || undefined,
      editorOf(ctx),
    );
    answerWrite(ctx, programme);
    if (created) {
      ctx.status = 201;
      ctx.set('Location', `/catalogue/programmes/${programmeId}`);
    }
  });
