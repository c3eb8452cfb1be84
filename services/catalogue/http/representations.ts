import type { Context } from 'koa';
import { sendRepresentation, versionETag } from '#platform/http/conditional';
import { publicCacheControl } from '#platform/http/shared-caching';
import { HAL_JSON, halResource, type HalResource } from '#platform/http/hal';
import type { Episode } from '../domain/episode.ts';
import type { Programme } from '../domain/programme.ts';
import { episodeData, episodePath, programmeData, programmePath } from '../messages/catalogue-events.ts';

/**
 * Public reads: briefly by clients (the ETag makes revalidation cheap), for minutes by the edge,
 * which the update events purge by the keys each answer names.
 */
export const READ_CACHE_CONTROL = publicCacheControl(10);

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
  sendRepresentation(ctx, {
    body: programmeResource(programme),
    etag: versionETag(programme.version),
    contentType: HAL_JSON,
    cacheControl: READ_CACHE_CONTROL,
    keys: [programmePath(programme.programmeId)],
  });

/** Sends an episode with its version as the ETag (304 when the client already has it). */
export const sendEpisode = (ctx: Context, episode: Episode): void =>
  sendRepresentation(ctx, {
    body: episodeResource(episode),
    etag: versionETag(episode.version),
    contentType: HAL_JSON,
    cacheControl: READ_CACHE_CONTROL,
    keys: [episodePath(episode.episodeId)],
  });

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
