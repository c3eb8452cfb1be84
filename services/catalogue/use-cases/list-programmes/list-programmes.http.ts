import type Router from '@koa/router';
import { z } from 'zod';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource } from '#platform/http/hal';
import { embeddedKeys } from '#platform/http/surrogate-keys';
import type { ReadCache } from '#platform/http/read-cache';
import { pageLinks, pagingShape, readQuery } from '#platform/http/query';
import type { CatalogueRepository } from '../../domain/ports.ts';
import { READ_CACHE_CONTROL, programmeResource } from '../../http/representations.ts';
import { zChannelParam } from '../../http/schemas.ts';

const query = z.strictObject({ ...pagingShape(), channel: zChannelParam.optional(), title: z.string().trim().min(1).max(200).optional() });

/** `GET /catalogue/programmes?page=&size=&channel=&title=`: programmes in id order, paged, optionally on one channel or whose title contains `title` (any case). */
export const listProgrammesRoute = (router: Router, cache: ReadCache<unknown>, repository: CatalogueRepository) =>
  router.get('/programmes', async (ctx) => {
    const { page, size, channel, title } = readQuery(ctx, query);
    const body = await cache.get(`programmes:${channel ?? ''}:${page}:${size}:${title ?? ''}`, async () => {
      const { items, total } = await repository.listProgrammes(
        { ...(channel === undefined ? {} : { channel }), ...(title === undefined ? {} : { title }) },
        (page - 1) * size,
        size,
      );
      const filter =
        (channel === undefined ? '' : `&channel=${encodeURIComponent(channel)}`) +
        (title === undefined ? '' : `&title=${encodeURIComponent(title)}`);
      const href = (p: number) => `/catalogue/programmes?page=${p}&size=${size}${filter}`;
      return halResource(
        { page, size, total, ...(channel === undefined ? {} : { channel }), ...(title === undefined ? {} : { title }) },
        href(page),
        pageLinks({ page, size }, total, href),
        {
          programmes: items.map(programmeResource),
        },
      );
    });
    sendRepresentation(ctx, {
      body,
      contentType: HAL_JSON,
      cacheControl: READ_CACHE_CONTROL,
      keys: ['/catalogue/programmes', ...embeddedKeys(body)],
    });
  });
