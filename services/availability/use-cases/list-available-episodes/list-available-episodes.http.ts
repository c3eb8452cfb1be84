import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import { contentETag, sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource } from '#platform/http/hal';
import { pageLinks, pagingShape, readQuery } from '#platform/http/query';
import { alphabeticalGroup, channelKey, MAX_QUERY_LENGTH, searchPrefix } from '../../domain/text.ts';
import { availabilityCacheControl, listKeys } from '../../http/caching.ts';
import type { CachedPage, PageCache, PageScope } from '../../http/page-cache.ts';
import { instantParam, platformSchema, readInstant } from '../../http/query-values.ts';
import { productionResource } from '../../http/representations.ts';
import type { ListAvailableEpisodes } from './list-available-episodes.ts';

const listQuery = z.strictObject({
  platform: platformSchema,
  channel: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\p{L}\p{N} &'.+-]+$/u, 'must be a channel name such as ITV')
    .optional(),
  q: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).optional(),
  grouping: z.literal('alphabetical').optional(),
  available: z
    .enum(['true', 'false'], 'must be true or false')
    .transform((v) => v === 'true')
    .optional(),
  at: instantParam.optional(),
  ...pagingShape(100, 20),
});

/** The A to Z groups of the page shown, in order, with how many of its productions each holds. */
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
 * What an answer is about, for the cache to know which writes may change it: a `q` holding no
 * word answers nothing whatever is written (a prefix no word starts with).
 */
const scopeOf = (query: { platform: string; channel?: string; q?: string }): PageScope => ({
  platform: query.platform,
  ...(query.channel === undefined ? {} : { channel: channelKey(query.channel) }),
  ...(query.q === undefined ? {} : { prefix: searchPrefix(query.q) ?? '\u0000' }),
});

/** Sends a serialised page with its ETag and a max-age computed for this instant. */
const send = (ctx: Context, page: CachedPage, now: Date) =>
  sendRepresentation(ctx, {
    body: page.body,
    etag: page.etag,
    contentType: HAL_JSON,
    cacheControl: availabilityCacheControl(now, page.nextBoundary, page.fixedInstant),
    keys: page.keys,
  });

/** What the list route needs besides the use case: the clock, and its answer cache with the store's change count (an answer computed across a write is not kept). */
export interface ListRouteDeps {
  readonly clock: () => Date;
  readonly cache: PageCache;
  readonly changes: () => number;
}

/**
 * `GET /availability/episodes`: public and cacheable until the next window edge among the
 * matches. Unknown, repeated or bracketed parameters (`platform[$ne]=`) are a 400. A query
 * string answered before, with no write touching its scope and no window edge since, is served from the cache
 * without being parsed again (it was valid when stored), body and ETag as they were.
 */
export const listAvailableEpisodesRoute = (
  router: Router,
  listAvailableEpisodes: ListAvailableEpisodes,
  { clock, cache, changes }: ListRouteDeps,
) => {
  const answer = async (ctx: Context, now: Date) => {
    const seen = changes();
    const raw = readQuery(ctx, listQuery);
    const query = { ...raw, at: readInstant(raw.at) };
    const result = await listAvailableEpisodes({ ...query, grouped: query.grouping === 'alphabetical' });
    const grouped = query.grouping === 'alphabetical';
    const params = (page: number) => {
      const { at, ...rest } = query;
      const search = new URLSearchParams(
        Object.entries({ ...rest, page })
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
      if (at) search.set('at', at.toISOString());
      return `/availability/episodes?${search}`;
    };
    const productions = result.items.map(({ doc, availability }) =>
      productionResource(doc, availability, query.platform, {
        at: query.at,
        group: grouped ? alphabeticalGroup(doc.title ?? '') : undefined,
      }),
    );
    const body = halResource(
      {
        platform: query.platform,
        at: result.at.toISOString(),
        page: query.page,
        size: query.size,
        count: productions.length,
        total: result.total,
        ...(grouped ? { groups: groupsOf(result.items.map((i) => i.doc.title ?? '')), groupTotals: result.groups ?? [] } : {}),
      },
      params(query.page),
      pageLinks(query, result.total, params),
      { productions },
    );
    // Kept as bytes: a cached answer is then sent as it is, with no encoding per request.
    const json = Buffer.from(JSON.stringify(body));
    const page: CachedPage = {
      body: json,
      etag: contentETag(json),
      nextBoundary: result.nextBoundary,
      fixedInstant: query.at !== undefined,
      changes: seen,
      storedAt: now.getTime(),
      keys: listKeys(
        query.platform,
        result.items.map((i) => i.doc.episodeId),
      ),
      scope: scopeOf(query),
    };
    cache.set(ctx.querystring, page, changes());
    send(ctx, page, now);
  };
  router.get('/episodes', (ctx) => (answerHit(ctx, { clock, cache, changes }) ? undefined : answer(ctx, clock())));
};

/** Sends the cached answer to this query string, if there is a fresh one; false otherwise. */
const answerHit = (ctx: Context, { clock, cache }: ListRouteDeps): boolean => {
  const now = clock();
  const hit = cache.get(ctx.querystring, now.getTime());
  if (hit) send(ctx, hit, now);
  return hit !== undefined;
};

const EPISODES_PATH = '/availability/episodes';

/**
 * The busiest request there is, answered before any router: `GET /availability/episodes` with a
 * query string whose answer is cached and fresh. Mounted ahead of the routers, it spares a hit
 * the route matching and middleware chains that make up a fifth of its cost; misses go on to
 * the route. Synchronous, so a hit makes no promise of its own.
 */
export const cachedEpisodePages =
  (deps: ListRouteDeps): Middleware =>
  (ctx, next) => {
    if (ctx.path !== EPISODES_PATH || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !answerHit(ctx, deps)) return next();
    // The route template the metrics label requests with, as the router would have set it.
    (ctx as { _matchedRoute?: string })._matchedRoute = EPISODES_PATH;
    return undefined;
  };
