import type Router from '@koa/router';
import { z } from 'zod';
import { sendRepresentation } from '../../../../platform/http/conditional.ts';
import { HAL_JSON, halResource } from '../../../../platform/http/hal.ts';
import { pageLinks, pagingShape, readQuery } from '../../../../platform/http/query.ts';
import { alphabeticalGroup, MAX_QUERY_LENGTH } from '../../domain/text.ts';
import { availabilityCacheControl } from '../../http/caching.ts';
import { instantSchema, platformSchema } from '../../http/query-values.ts';
import { productionResource } from '../../http/representations.ts';
import type { ListAvailableEpisodes } from './list-available-episodes.ts';

const listQuery = z.strictObject({
  platform: platformSchema,
  channel: z.string().min(1).max(100).regex(/^[\p{L}\p{N} &'.+-]+$/u, 'must be a channel name such as ITV').optional(),
  q: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).optional(),
  grouping: z.literal('alphabetical').optional(),
  at: instantSchema.optional(),
  ...pagingShape(100, 20),
});

/** The A to Z groups of a page, in order, with how many of its productions each holds. */
const groupsOf = (titles: readonly string[]) => {
  const groups: { letter: string; count: number }[] = [];
  for (const title of titles) {
    const letter = alphabeticalGroup(title);
    const last = groups.at(-1);
    if (last?.letter === letter) last.count += 1;
    else groups.push({ letter, count: 1 });
  }
  return groups;
};

/**
 * `GET /availability/episodes`: public and cacheable until the next window edge among the
 * matches. Unknown, repeated or bracketed parameters (`platform[$ne]=`) are a 400.
 */
export const listAvailableEpisodesRoute = (router: Router, listAvailableEpisodes: ListAvailableEpisodes, clock: () => Date) =>
  router.get('/episodes', async (ctx) => {
    const query = readQuery(ctx, listQuery);
    const result = await listAvailableEpisodes(query);
    const grouped = query.grouping === 'alphabetical';
    const params = (page: number) => {
      const { at, ...rest } = query;
      const search = new URLSearchParams(Object.entries({ ...rest, page }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
      if (at) search.set('at', at.toISOString());
      return `/availability/episodes?${search}`;
    };
    const productions = result.items.map(({ doc, availability }) =>
      productionResource(doc, availability, query.platform, { at: query.at, group: grouped ? alphabeticalGroup(doc.title ?? '') : undefined }),
    );
    const body = halResource(
      {
        platform: query.platform,
        at: result.at.toISOString(),
        page: query.page,
        size: query.size,
        count: productions.length,
        total: result.total,
        ...(grouped ? { groups: groupsOf(result.items.map((i) => i.doc.title ?? '')) } : {}),
      },
      params(query.page),
      pageLinks(query, result.total, params),
      { productions },
    );
    const cacheControl = availabilityCacheControl(clock(), result.nextBoundary, query.at !== undefined);
    sendRepresentation(ctx, { body, contentType: HAL_JSON, cacheControl });
  });
