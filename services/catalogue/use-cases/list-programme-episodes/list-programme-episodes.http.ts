import type Router from '@koa/router';
import { z } from 'zod';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource } from '#platform/http/hal';
import { embeddedKeys } from '#platform/http/surrogate-keys';
import type { ReadCache } from '#platform/http/read-cache';
import { pageLinks, pagingShape, readQuery } from '#platform/http/query';
import { parseProgrammeId } from '../../domain/ids.ts';
import { READ_CACHE_CONTROL, episodeResource } from '../../http/representations.ts';
import type { ListProgrammeEpisodes } from './list-programme-episodes.ts';

const query = z.strictObject(pagingShape());

/** `GET /catalogue/programmes/:id/episodes?page=&size=`: a programme's episodes in programme order (404 for an unknown programme). */
export const listProgrammeEpisodesRoute = (router: Router, cache: ReadCache<unknown>, listProgrammeEpisodes: ListProgrammeEpisodes) =>
  router.get('/programmes/:id/episodes', async (ctx) => {
    const programmeId = parseProgrammeId(ctx.params.id!);
    const { page, size } = readQuery(ctx, query);
    const body = await cache.get(`programme-episodes:${programmeId}:${page}:${size}`, async () => {
      const { items, total } = await listProgrammeEpisodes(programmeId, (page - 1) * size, size);
      const href = (p: number) => `/catalogue/programmes/${programmeId}/episodes?page=${p}&size=${size}`;
      return halResource(
        { programmeId, page, size, total },
        href(page),
        { ...pageLinks({ page, size }, total, href), programme: `/catalogue/programmes/${programmeId}` },
        {
          episodes: items.map(episodeResource),
        },
      );
    });
    sendRepresentation(ctx, {
      body,
      contentType: HAL_JSON,
      cacheControl: READ_CACHE_CONTROL,
      keys: [`/catalogue/programmes/${programmeId}/episodes`, ...embeddedKeys(body)],
    });
  });
