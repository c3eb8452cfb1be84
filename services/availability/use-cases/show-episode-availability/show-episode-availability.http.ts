import type Router from '@koa/router';
import { z } from 'zod';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource } from '#platform/http/hal';
import { badRequest } from '#platform/http/problem';
import { readQuery } from '#platform/http/query';
import { availabilityCacheControl, episodeKeys } from '../../http/caching.ts';
import { instantParam, platformSchema, readInstant } from '../../http/query-values.ts';
import { availabilityFacts, domainLinks, episodeHref } from '../../http/representations.ts';
import type { ShowEpisodeAvailability } from './show-episode-availability.ts';

const showQuery = z.strictObject({ platform: platformSchema, at: instantParam.optional() });

const EXPLANATIONS = {
  'within-licence-window': 'Available: a licence window on this platform is open at this instant.',
  'before-licence-window': 'Not available yet: the next licence window on this platform opens at availableFrom.',
  'no-licence-window': 'Not available: no licence window on this platform is open now or later.',
} as const;

/** `GET /availability/episodes/:id?platform=&at=`: one episode's availability and why. */
export const showEpisodeAvailabilityRoute = (router: Router, showEpisodeAvailability: ShowEpisodeAvailability, clock: () => Date) =>
  router.get('/episodes/:id', async (ctx) => {
    if (!/^\d{1,15}$/.test(ctx.params.id ?? '')) throw badRequest('An episode id is a whole number, e.g. /availability/episodes/123456.');
    const query = readQuery(ctx, showQuery);
    const { platform } = query;
    const at = readInstant(query.at);
    const result = await showEpisodeAvailability({ episodeId: Number(ctx.params.id), platform, at });
    const { doc, availability } = result;
    const body = halResource(
      {
        ...availabilityFacts(doc, availability),
        platform,
        at: result.at.toISOString(),
        reason: result.reason,
        explanation: EXPLANATIONS[result.reason],
        window: availability.window
          ? {
              startDate: availability.window.start.toISOString(),
              endDate: availability.window.end.toISOString(),
              licenceIds: availability.licenceIds,
            }
          : null,
        guidance: { restricted: doc.restricted, message: doc.guidanceMessage },
      },
      episodeHref(doc.episodeId, platform, at),
      { ...domainLinks(doc.episodeId), licence: availability.licenceIds.map((id) => ({ href: `/licencing/licences/${id}` })) },
    );
    sendRepresentation(ctx, {
      body,
      contentType: HAL_JSON,
      cacheControl: availabilityCacheControl(clock(), result.nextBoundary, at !== undefined),
      keys: episodeKeys(doc.episodeId, doc.programmeId),
    });
  });
