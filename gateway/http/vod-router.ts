import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource, templated } from '#platform/http/hal';
import { badRequest, notFound } from '#platform/http/problem';
import { readQuery } from '#platform/http/query';
import { pageNavOf } from '#platform/http/page-nav';
import type { ClientProfile } from '../clients/client-profile.ts';
import { composeEpisode, composeEpisodes, type ComposeDeps } from '../compose/compose-episodes.ts';
import { negotiate } from '../negotiation/negotiate.ts';
import { DEPRECATED, SUPPORTED_VERSIONS, VERSIONS_PATH, parameterForm, suffixForm, type Chosen } from '../negotiation/media-types.ts';
import { pageView } from '../views/page-view.ts';
import { productionFacts } from '../views/production-facts.ts';
import { cors } from './cors.ts';
import { rateLimit, type RateLimitOptions } from './rate-limit.ts';
import { securityHeaders } from './security-headers.ts';
import type { ResponseMemo } from './response-memo.ts';
import { renderView, sendRendered } from './send-view.ts';
import type { Validity } from '../compose/parts.ts';
import type { UpstreamTelemetry } from '../upstream/upstream-telemetry.ts';

export interface VodRouterDeps {
  readonly clients: Readonly<Record<string, ClientProfile>>;
  readonly compose: () => ComposeDeps;
  readonly corsOrigins: readonly string[];
  readonly rateLimit: RateLimitOptions;
  readonly memo: ResponseMemo;
  readonly telemetry: UpstreamTelemetry;
}

const listQuery = z.strictObject({
  channel: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\p{L}\p{N} &'.+-]+$/u, 'must be a channel name such as ITV')
    .optional(),
  q: z.string().min(1).max(100).optional(),
  grouping: z.literal('alphabetical').optional(),
  available: z.enum(['true', 'false', 'any'], 'must be true (playable now), false (coming) or any').optional(),
  page: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number from 1')
    .transform(Number)
    .pipe(z.number().int().min(1))
    .default(1),
});

declare module 'koa' {
  interface DefaultState {
    chosen?: Chosen;
    client?: ClientProfile;
  }
}

/**
 * `/vod/{platform}/episodes` and `/vod/{platform}/episodes/{id}` for each configured client,
 * behind security headers, CORS and rate limiting. The representation is negotiated before any
 * upstream is asked, so a 406 costs nothing.
 */
export const createVodRouter = (deps: VodRouterDeps): Router => {
  const router = new Router({ prefix: '/vod' });
  /** An incomplete answer is logged and counted once per upstream it is missing. */
  const report = (validity: Validity, platform: string) => {
    if (validity.incomplete)
      for (const upstream of validity.missing)
        deps.telemetry.degraded(upstream, 'incomplete', platform, { missing: [...validity.missing] });
  };
  router.use(securityHeaders, cors(deps.corsOrigins), rateLimit(deps.rateLimit));
  const resolve = async (ctx: Context, next: Next) => {
    const client = Object.hasOwn(deps.clients, ctx.params.platform!) ? deps.clients[ctx.params.platform!] : undefined;
    if (!client) throw notFound(`No client platform is called that; try one of ${Object.keys(deps.clients).join(', ')}.`);
    ctx.state.client = client;
    // Set before negotiating, so that a 406 says it too: its answer depends on Accept.
    ctx.vary('Accept');
    ctx.state.chosen = negotiate(ctx.get('Accept') || undefined);
    await next();
  };

  router.get('/', (ctx) =>
    sendRepresentation(ctx, {
      body: halResource({ title: 'Video on demand, per client platform' }, '/vod', {
        episodes: Object.keys(deps.clients).map((p) => templated(`/vod/${p}/episodes{?channel,q,grouping,available,page}`, p)),
        episode: Object.keys(deps.clients).map((p) => templated(`/vod/${p}/episodes/{id}`, p)),
      }),
      contentType: HAL_JSON,
      cacheControl: 'public, max-age=3600',
    }),
  );

  router.get('/versions', (ctx) =>
    sendRepresentation(ctx, {
      body: halResource(
        {
          title: 'Versions of the production media type',
          policy:
            'A new shape is a new version. The previous one keeps working, is marked with Deprecation and Sunset headers, and is removed after its sunset date. Clients must ask for a version.',
          versions: SUPPORTED_VERSIONS.map((version) => ({
            version,
            mediaTypes: [suffixForm(version), parameterForm(version)],
            ...(DEPRECATED[version]
              ? { deprecated: DEPRECATED[version]!.since.toISOString(), sunset: DEPRECATED[version]!.sunset.toISOString() }
              : {}),
          })),
        },
        VERSIONS_PATH,
        { vod: { href: '/vod' } },
      ),
      contentType: HAL_JSON,
      cacheControl: 'public, max-age=3600',
    }),
  );

  router.get('/:platform/episodes', resolve, async (ctx) => {
    const client = ctx.state.client!;
    const query = readQuery(ctx, listQuery);
    const chosen = ctx.state.chosen!;
    const request = { channel: query.channel, q: query.q, grouping: query.grouping ?? client.defaultGrouping, available: query.available };
    const key = JSON.stringify([client.platform, chosen.contentType, request, query.page]);
    const refresh = refreshAsked(ctx);
    const rendered = await deps.memo.through(
      key,
      async () => {
        const { page, validity } = await composeEpisodes(
          { ...deps.compose(), revalidate: refresh, platform: client.platform },
          {
            platform: client.platform,
            ...request,
            available: request.available ?? client.defaultAvailable,
            page: query.page,
            size: client.pageSize,
          },
        );
        report(validity, client.platform);
        return renderView(chosen, pageView(client, versionOf(chosen), page, request, validity), ctx.path, validity, pageNavOf(ctx));
      },
      undefined,
      refresh,
    );
    sendRendered(ctx, rendered);
  });

  router.get('/:platform/episodes/:id', resolve, async (ctx) => {
    const client = ctx.state.client!;
    if (!/^[1-9]\d{0,14}$/.test(ctx.params.id!)) throw badRequest('An episode id is a whole number, e.g. /vod/ios/episodes/123456.');
    readQuery(ctx, z.strictObject({}));
    const chosen = ctx.state.chosen!;
    const refresh = refreshAsked(ctx);
    const rendered = await deps.memo.through(
      JSON.stringify([client.platform, chosen.contentType, ctx.params.id]),
      async () => {
        const { production, validity } = await composeEpisode(
          { ...deps.compose(), revalidate: refresh, platform: client.platform },
          client.platform,
          Number(ctx.params.id),
        );
        report(validity, client.platform);
        const item = client.views[versionOf(chosen)](productionFacts(production));
        return renderView(chosen, { ...item, incomplete: validity.incomplete }, ctx.path, validity, pageNavOf(ctx));
      },
      undefined,
      refresh,
    );
    sendRendered(ctx, rendered);
  });

  router.options(['/:platform/episodes', '/:platform/episodes/:id'], (ctx) => {
    ctx.set('Allow', 'GET, HEAD, OPTIONS');
    ctx.status = 204;
  });
  return router;
};

/**
 * Whether the request asks for an answer revalidated at every upstream (`Cache-Control:
 * no-cache`), as the edge does on every miss: after a purge, what this gateway holds in memory
 * may predate the event, and Varnish would keep it for minutes.
 */
const refreshAsked = (ctx: Context): boolean => /(?:^|,)\s*no-cache\b/i.test(ctx.get('Cache-Control'));

/** The item version for a negotiated representation: HTML shows the newest. */
const versionOf = (chosen: Chosen) => (chosen.kind === 'json' ? chosen.version : 2);
