import type Router from '@koa/router';
import { z } from 'zod';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource } from '#platform/http/hal';
import { embeddedKeys } from '#platform/http/surrogate-keys';
import type { ReadCache } from '#platform/http/read-cache';
import { pageLinks, pagingShape, readQuery } from '#platform/http/query';
import type { CatalogueRepository } from '../../domain/ports.ts';
import { READ_CACHE_CONTROL, episodeResource } from '../../http/representations.ts';
import { zIdParam } from '../../http/schemas.ts';

const query = z.strictObject({ ...pagingShape(), programme: zIdParam.optional() });

/**
 * `GET /catalogue/episodes?page=&size=&programme=`: every episode in id order, or one
 * programme's in programme order. Filtering by an unknown programme is an empty page.
 */
export const listEpisodesRoute = (router: Router, cache: ReadCache<unknown>, repository: CatalogueRepository) =>
  router.get('/episodes', async (ctx) => {
    const { page, size, programme } = readQuery(ctx, query);
    const body = await cache.get(`episodes:${programme ?? ''}:${page}:${size}`, async () => {
      const { items, total } = await repository.listEpisodes(
        programme === undefined ? {} : { programmeId: programme },
        (page - 1) * size,
        size,
      );
      const filter = programme === undefined ? '' : `&programme=${programme}`;
      const href = (p: number) => `/catalogue/episodes?page=${p}&size=${size}${filter}`;
      return halResource(
        { page, size, total, ...(programme === undefined ? {} : { programmeId: programme }) },
        href(page),
        pageLinks({ page, size }, total, href),
        {
          episodes: items.map(episodeResource),
        },
      );
    });
    // A filtered list is purged with its programme's episodes; the whole list with the collection.
    const listKey = programme === undefined ? '/catalogue/episodes' : `/catalogue/programmes/${programme}/episodes`;
    sendRepresentation(ctx, { body, contentType: HAL_JSON, cacheControl: READ_CACHE_CONTROL, keys: [listKey, ...embeddedKeys(body)] });
  });
