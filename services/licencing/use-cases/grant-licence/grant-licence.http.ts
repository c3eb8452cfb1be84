import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { editorOf, requireRole, type TokenSettings } from '#platform/auth/tokens';
import { badRequest } from '#platform/http/problem';
import { readJson } from '#platform/http/body';
import { traceparentOf } from '#platform/http/trace-context';
import { sendChangedLicence } from '../../http/representations.ts';
import { licencePath } from '../../messages/licencing-events.ts';
import type { GrantLicence } from './grant-licence.ts';

const body = z.strictObject({
  episodeId: z.number().int().min(1).max(9_999_999_999),
  platform: z.string().min(1).max(32),
  startDate: z.string().min(1).max(64),
  endDate: z.string().min(1).max(64),
});

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The optional `Idempotency-Key` header: 8 to 128 safe characters (a UUID fits), else 400. */
const readIdempotencyKey = (ctx: Context): string | undefined => {
  const key = ctx.get('Idempotency-Key');
  if (!key) return undefined;
  if (!KEY.test(key)) throw badRequest('Idempotency-Key must be 8 to 128 letters, digits or . _ : - (a UUID fits).');
  return key;
};

/**
 * `POST /licencing/licences` (role `licencing:write`): grants a licence and answers 201 with
 * its Location, representation and ETag. Platform and window rules are the domain's (422).
 * With `Idempotency-Key`, a retry with the same key and command answers the same licence (still
 * 201, nothing new granted); the same key with another command is a 422. A licence identical to
 * an active one is a 409 whose `_links.existing` leads to it.
 */
export const grantLicenceRoute = (router: Router, auth: TokenSettings, grantLicence: GrantLicence) =>
  router.post('/licences', requireRole(auth, 'licencing:write'), async (ctx) => {
    const idempotencyKey = readIdempotencyKey(ctx);
    const command = await readJson(ctx, body);
    const licence = await grantLicence(command, traceparentOf(ctx), {
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(editorOf(ctx) ? { editor: editorOf(ctx)! } : {}),
    });
    sendChangedLicence(ctx, licence, 201);
    ctx.set('Location', licencePath(licence.licenceId));
  });
