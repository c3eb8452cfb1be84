import type Router from '@koa/router';
import { z } from 'zod';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource } from '#platform/http/hal';
import { embeddedKeys } from '#platform/http/surrogate-keys';
import type { ReadCache } from '#platform/http/read-cache';
import { pageLinks, pagingShape, readQuery } from '#platform/http/query';
import type { GuidanceRepository } from '../../domain/ports.ts';
import { READ_CACHE_CONTROL, guidanceResource } from '../../http/representations.ts';

const query = z.strictObject(pagingShape());

/** `GET /guidance/episodes?page=&size=`: every episode's guidance, paged, in episode order. */
export const listEpisodeGuidanceRoute = (router: Router, cache: ReadCache<unknown>, repository: GuidanceRepository) =>
  router.get('/episodes', async (ctx) => {
    const paging = readQuery(ctx, query);
    const body = await cache.get(`list:${paging.page}:${paging.size}`, async () => {
      const { items, total } = await repository.list((paging.page - 1) * paging.size, paging.size);
      const href = (page: number) => `/guidance/episodes?page=${page}&size=${paging.size}`;
      return halResource({ page: paging.page, size: paging.size, total }, href(paging.page), pageLinks(paging, total, href), {
        guidance: items.map(guidanceResource),
      });
    });
    sendRepresentation(ctx, {
      body,
      contentType: HAL_JSON,
      cacheControl: READ_CACHE_CONTROL,
      keys: ['/guidance/episodes', ...embeddedKeys(body)],
    });
  });
