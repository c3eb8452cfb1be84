import type Router from '@koa/router';
import { z } from 'zod';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource } from '#platform/http/hal';
import { embeddedKeys } from '#platform/http/surrogate-keys';
import type { ReadCache } from '#platform/http/read-cache';
import { pageLinks, pagingShape, readQuery } from '#platform/http/query';
import type { LicenceRepository } from '../../domain/ports.ts';
import { READ_CACHE_CONTROL, licenceResource } from '../../http/representations.ts';

/** A strict query: unknown or bracketed parameters, odd episode ids and unknown platforms are 400s. */
const listQuery = (platforms: readonly [string, ...string[]]) =>
  z.strictObject({
    episode: z
      .string()
      .regex(/^[1-9]\d{0,9}$/, 'must be an episode id (a positive whole number of up to ten digits)')
      .transform(Number)
      .optional(),
    platform: z.enum(platforms).optional(),
    ...pagingShape(),
  });

/**
 * `GET /licencing/licences?episode=&platform=&page=&size=`: licences (active and revoked),
 * optionally for one episode and/or platform, paged, ordered by startDate then licenceId.
 */
export const listLicencesRoute = (
  router: Router,
  cache: ReadCache<unknown>,
  repository: LicenceRepository,
  platforms: readonly [string, ...string[]],
) => {
  const schema = listQuery(platforms);
  return router.get('/licences', async (ctx) => {
    const { episode, platform, page, size } = readQuery(ctx, schema);
    const filters = `${episode ? `episode=${episode}&` : ''}${platform ? `platform=${platform}&` : ''}`;
    const body = await cache.get(`list:${filters}${page}:${size}`, async () => {
      const { items, total } = await repository.list({ episodeId: episode, platform }, (page - 1) * size, size);
      const href = (n: number) => `/licencing/licences?${filters}page=${n}&size=${size}`;
      return halResource({ page, size, total }, href(page), pageLinks({ page, size }, total, href), {
        licences: items.map(licenceResource),
      });
    });
    // One episode's licences are purged by that episode's licence events; other lists by any.
    const listKey = episode ? `/licencing/licences?episode=${episode}` : '/licencing/licences';
    sendRepresentation(ctx, { body, contentType: HAL_JSON, cacheControl: READ_CACHE_CONTROL, keys: [listKey, ...embeddedKeys(body)] });
  });
};
