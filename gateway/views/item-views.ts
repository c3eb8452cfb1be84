import { halResource, type HalResource } from '#platform/http/hal';
import type { ProductionFacts } from './production-facts.ts';

/** A field a client may ask for in its flat v1 item. */
export type V1Field = Exclude<keyof ProductionFacts, 'links' | 'unknown' | 'guidanceKnown' | 'group'>;

/**
 * What every client's v1 item holds whatever else it shows: enough to render a playable tile
 * (which programme, which episode, whether it plays now and until when, its guidance).
 */
export const V1_TILE: readonly V1Field[] = [
  'episodeId',
  'title',
  'programmeTitle',
  'seriesNumber',
  'episodeNumber',
  'available',
  'startDate',
  'endDate',
  'licenceIds',
  'restricted',
  'guidanceMessage',
];

const itemLinks = (facts: ProductionFacts) => ({
  catalogue: facts.links.catalogue,
  guidance: facts.links.guidance,
  licences: facts.links.licences,
});

const selfHref = (platform: string, facts: ProductionFacts) => `/vod/${platform}/episodes/${facts.episodeId}`;

const degraded = (facts: ProductionFacts) => (facts.unknown.length > 0 ? { unknown: facts.unknown } : {});

/** Version 1: flat, e.g. `{ episodeId, title, synopsis, restricted, guidanceMessage, startDate, endDate }`. */
export const v1Item = (
  platform: string,
  facts: ProductionFacts,
  fields: readonly V1Field[],
  shorten: Partial<Record<V1Field, number>> = {},
): HalResource => {
  const properties: Record<string, unknown> = {};
  for (const field of fields) {
    const value = facts[field];
    const limit = shorten[field];
    properties[field] = limit && typeof value === 'string' && value.length > limit ? `${value.slice(0, limit - 1)}…` : value;
  }
  return halResource({ ...properties, ...degraded(facts) }, selfHref(platform, facts), itemLinks(facts));
};

/** What version 2 groups into nested objects; each client picks the groups it shows. */
export type V2Part = 'programme' | 'series' | 'guidance' | 'window' | 'synopsis' | 'duration';

/** What every client's v2 item holds whatever else it shows (see V1_TILE). */
export const V2_TILE: readonly V2Part[] = ['programme', 'series', 'guidance', 'window'];

/**
 * Version 2: the same facts with guidance, availability's window (and the licences forming it),
 * programme and series nested, and a part that could not be read marked `{ status: 'unknown' }`
 * where it lives. `window.status` is always `known` now that the window is availability's.
 */
export const v2Item = (platform: string, facts: ProductionFacts, parts: readonly V2Part[]): HalResource => {
  const catalogueUnknown = facts.unknown.includes('catalogue');
  const nested: Record<V2Part, () => unknown> = {
    programme: () =>
      catalogueUnknown ? { status: 'unknown' } : { id: facts.programmeId, title: facts.programmeTitle, channel: facts.channel },
    series: () => (catalogueUnknown ? { status: 'unknown' } : { number: facts.seriesNumber, episode: facts.episodeNumber }),
    guidance: () =>
      facts.guidanceKnown
        ? { status: 'known', restricted: facts.restricted, message: facts.guidanceMessage }
        : { status: 'unknown', restricted: facts.restricted },
    window: () => ({ status: 'known', start: facts.startDate, end: facts.endDate, licenceIds: facts.licenceIds }),
    synopsis: () => facts.synopsis,
    duration: () => (facts.durationSeconds === null ? null : { seconds: facts.durationSeconds }),
  };
  const properties: Record<string, unknown> = { episodeId: facts.episodeId, title: facts.title, available: facts.available };
  for (const part of parts) properties[part] = nested[part]();
  return halResource({ ...properties, ...degraded(facts) }, selfHref(platform, facts), itemLinks(facts));
};
