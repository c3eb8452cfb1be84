import type Router from '@koa/router';
import { z } from 'zod';
import { editorOf, requireRole, type TokenSettings } from '#platform/auth/tokens';
import { expectedVersion } from '#platform/http/conditional';
import { readOptionalJson } from '#platform/http/optional-body';
import { traceparentOf } from '#platform/http/trace-context';
import { parseLicenceId } from '../../domain/licence.ts';
import { sendChangedLicence } from '../../http/representations.ts';
import type { RevokeLicence } from './revoke-licence.ts';

const noParameters = z.strictObject({});

/**
 * `POST /licencing/licences/:id/revocation` (role `licencing:write`, `If-Match` required):
 * revokes the licence and answers with its new representation and ETag. The command takes no
 * parameters; a body, if sent, must be `{}`.
 */
export const revokeLicenceRoute = (router: Router, auth: TokenSettings, revokeLicence: RevokeLicence) =>
  router.post('/licences/:id/revocation', requireRole(auth, 'licencing:write'), async (ctx) => {
    const licenceId = parseLicenceId(ctx.params.id!);
    const version = expectedVersion(ctx);
    await readOptionalJson(ctx, noParameters, {});
    sendChangedLicence(ctx, await revokeLicence({ licenceId, expectedVersion: version }, traceparentOf(ctx), editorOf(ctx)));
  });
