import type Router from '@koa/router';
import type { ReadCache } from '#platform/http/read-cache';
import { parseLicenceId, type Licence } from '../../domain/licence.ts';
import { sendLicence } from '../../http/representations.ts';
import type { GetLicence } from './get-licence.ts';

/** `GET /licencing/licences/:id`: public, cached until the service's next write. */
export const getLicenceRoute = (router: Router, cache: ReadCache<unknown>, getLicence: GetLicence) =>
  router.get('/licences/:id', async (ctx) => {
    const licenceId = parseLicenceId(ctx.params.id!);
    const licence = (await cache.get(`licence:${licenceId}`, () => getLicence(licenceId))) as Licence;
    sendLicence(ctx, licence);
  });
