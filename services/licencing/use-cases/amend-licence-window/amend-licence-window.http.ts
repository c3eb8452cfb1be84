import type Router from '@koa/router';
import { z } from 'zod';
import { editorOf, requireRole, type TokenSettings } from '#platform/auth/tokens';
import { readJson } from '#platform/http/body';
import { expectedVersion } from '#platform/http/conditional';
import { traceparentOf } from '#platform/http/trace-context';
import { parseLicenceId } from '../../domain/licence.ts';
import { sendChangedLicence } from '../../http/representations.ts';
import type { AmendLicenceWindow } from './amend-licence-window.ts';

const body = z.strictObject({
  startDate: z.string().min(1).max(64),
  endDate: z.string().min(1).max(64),
});

/**
 * `PUT /licencing/licences/:id/window` (role `licencing:write`, `If-Match` required): replaces
 * the licence's window and answers with the new representation and ETag.
 */
export const amendLicenceWindowRoute = (router: Router, auth: TokenSettings, amendLicenceWindow: AmendLicenceWindow) =>
  router.put('/licences/:id/window', requireRole(auth, 'licencing:write'), async (ctx) => {
    const licenceId = parseLicenceId(ctx.params.id!);
    const version = expectedVersion(ctx);
    const window = await readJson(ctx, body);
    sendChangedLicence(
      ctx,
      await amendLicenceWindow({ licenceId, ...window, expectedVersion: version }, traceparentOf(ctx), editorOf(ctx)),
    );
  });
