import type { Context } from 'koa';
import { sendRepresentation, versionETag } from '#platform/http/conditional';
import { publicCacheControl } from '#platform/http/shared-caching';
import { HAL_JSON, halResource, type HalResource } from '#platform/http/hal';
import type { Licence } from '../domain/licence.ts';
import { licenceData, licencePath } from '../messages/licencing-events.ts';

/**
 * Public reads: briefly by clients (the ETag makes revalidation cheap), for minutes by the edge,
 * which the update events purge by the keys each answer names.
 */
export const READ_CACHE_CONTROL = publicCacheControl(10);

/**
 * One licence in HAL: its facts, a link to the episode in the catalogue (never a copy of it),
 * the episode's other licences, and, while active, the two commands that can still change it.
 */
export const licenceResource = (licence: Licence): HalResource => {
  const self = licencePath(licence.licenceId);
  const active = licence.status === 'active';
  return halResource({ ...licenceData(licence) }, self, {
    episode: `/catalogue/episodes/${licence.episodeId}`,
    collection: `/licencing/licences?episode=${licence.episodeId}`,
    window: active ? `${self}/window` : undefined,
    revocation: active ? `${self}/revocation` : undefined,
  });
};

/** Sends a licence with its version as the ETag (304 when the client already has it). */
export const sendLicence = (ctx: Context, licence: Licence): void =>
  sendRepresentation(ctx, {
    body: licenceResource(licence),
    etag: versionETag(licence.version),
    contentType: HAL_JSON,
    cacheControl: READ_CACHE_CONTROL,
    keys: [licencePath(licence.licenceId)],
  });

/** Answers a command with the licence's new representation and ETag; never a 304, never cached. */
export const sendChangedLicence = (ctx: Context, licence: Licence, status = 200): void => {
  ctx.status = status;
  ctx.set('ETag', versionETag(licence.version));
  ctx.set('Cache-Control', 'no-store');
  ctx.type = HAL_JSON;
  ctx.body = licenceResource(licence);
};
