import type { Context } from 'koa';
import { sendRepresentation, versionETag } from '../../../platform/http/conditional.ts';
import { HAL_JSON, halResource, type HalResource } from '../../../platform/http/hal.ts';
import type { Episode } from '../domain/episode.ts';
import type { Programme } from '../domain/programme.ts';
import { episodeData, episodePath, programmeData, programmePath } from '../messages/catalogue-events.ts';

/** Public reads may be cached briefly; the ETag makes revalidation cheap. */
export const READ_CACHE_CONTROL = 'public, max-age=10, stale-if-error=300';

/** One programme in HAL, linking to its episodes and to the other programmes on its channel. */
export const programmeResource = (programme: Programme): HalResource =>
  halResource({ ...programmeData(programme) }, programmePath(programme.programmeId), {
    episodes: `${programmePath(programme.programmeId)}/episodes`,
    channel: `/catalogue/programmes?channel=${encodeURIComponent(programme.channel)}`,
    collection: '/catalogue/programmes',
  });

/**
 * One episode in HAL: the same facts as its events, a link to its programme, and links to the
 * other services' resources about it (ids only; the gateway follows them). A published episode
 * offers its withdrawal.
 */
export const episodeResource = (episode: Episode): HalResource =>
  halResource({ ...episodeData(episode) }, episodePath(episode.episodeId), {
    programme: programmePath(episode.programmeId),
    withdrawal: episode.status === 'published' ? `${episodePath(episode.episodeId)}/withdrawal` : undefined,
    guidance: `/guidance/episodes/${episode.episodeId}`,
    licences: `/licencing/licences?episode=${episode.episodeId}`,
    collection: '/catalogue/episodes',
  });

/** Sends a programme with its version as the ETag (304 when the client already has it). */
export const sendProgramme = (ctx: Context, programme: Programme): void =>
  sendRepresentation(ctx, { body: programmeResource(programme), etag: versionETag(programme.version), contentType: HAL_JSON, cacheControl: READ_CACHE_CONTROL });

/** Sends an episode with its version as the ETag (304 when the client already has it). */
export const sendEpisode = (ctx: Context, episode: Episode): void =>
  sendRepresentation(ctx, { body: episodeResource(episode), etag: versionETag(episode.version), contentType: HAL_JSON, cacheControl: READ_CACHE_CONTROL });

/**
 * Answers a command with the new representation and its ETag, never stored by caches. (On a
 * write, `sendRepresentation` treats `If-None-Match: *` as the create-only precondition.)
 */
export const answerWrite = (ctx: Context, resource: Programme | Episode): void =>
  sendRepresentation(ctx, {
    body: 'episodeId' in resource ? episodeResource(resource) : programmeResource(resource),
    etag: versionETag(resource.version),
    contentType: HAL_JSON,
    cacheControl: 'no-store',
  });
