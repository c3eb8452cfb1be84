import type { Context } from 'koa';
import { sendRepresentation, versionETag } from '#platform/http/conditional';
import { publicCacheControl } from '#platform/http/shared-caching';
import { HAL_JSON, halResource, type HalResource } from '#platform/http/hal';
import type { EpisodeGuidance } from '../domain/episode-guidance.ts';
import { guidancePath } from '../messages/guidance-events.ts';

/**
 * Public reads: briefly by clients (the ETag makes revalidation cheap), for minutes by the edge,
 * which the update events purge by the keys each answer names.
 */
export const READ_CACHE_CONTROL = publicCacheControl(10);

/** One episode's guidance in HAL, linking to the episode in the catalogue. */
export const guidanceResource = (guidance: EpisodeGuidance): HalResource =>
  halResource(
    { episodeId: guidance.episodeId, restricted: guidance.restricted, message: guidance.message },
    guidancePath(guidance.episodeId),
    {
      episode: `/catalogue/episodes/${guidance.episodeId}`,
      collection: '/guidance/episodes',
    },
  );

/** Sends guidance with its version as the ETag (304 when the client already has it). */
export const sendGuidance = (ctx: Context, guidance: EpisodeGuidance): void =>
  sendRepresentation(ctx, {
    body: guidanceResource(guidance),
    etag: versionETag(guidance.version),
    contentType: HAL_JSON,
    cacheControl: READ_CACHE_CONTROL,
    keys: [guidancePath(guidance.episodeId)],
  });
