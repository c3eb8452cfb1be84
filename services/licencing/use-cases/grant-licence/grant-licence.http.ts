import type Router from '@koa/router';
import { z } from 'zod';
import { requireRole, type TokenSettings } from '../../../../platform/auth/tokens.ts';
import { readJson } from '../../../../platform/http/body.ts';
import { traceparentOf } from '../../../../platform/http/trace-context.ts';
import { sendChangedLicence } from '../../http/representations.ts';
import { licencePath } from '../../messages/licencing-events.ts';
import type { GrantLicence } from './grant-licence.ts';

const body = z.strictObject({
  episodeId: z.number().int().min(1).max(9_999_999_999),
  platform: z.string().min(1).max(32),
  startDate: z.string().min(1).max(64),
  endDate: z.string().min(1).max(64),
});

/**
 * `POST /licencing/licences` (role `licencing:write`): grants a licence and answers 201 with
 * its Location, representation and ETag. Platform and window rules are the domain's (422).
 */
export const grantLicenceRoute = (router: Router, auth: TokenSettings, grantLicence: GrantLicence) =>
  router.post('/licences', requireRole(auth, 'licencing:write'), async (ctx) => {
    const command = await readJson(ctx, body);
    const licence = await grantLicence(command, traceparentOf(ctx));
    sendChangedLicence(ctx, licence, 201);
    ctx.set('Location', licencePath(licence.licenceId));
  });
