import type { HalResource } from '#platform/http/hal';
import type { Availability } from '../domain/availability.ts';
import type { EpisodeDocument } from '../domain/episode-projection.ts';

/** The links every production carries: where the domain facts live, never copies of them. */
export const domainLinks = (episodeId: number) => ({
  catalogue: `/catalogue/episodes/${episodeId}`,
  guidance: `/guidance/episodes/${episodeId}`,
  licences: `/licencing/licences?episode=${episodeId}`,
});

/**
 * The availability facts of one episode on one platform at one instant. `title` is the
 * programme's (what the list is searched and sorted by); `episodeTitle` the episode's own.
 * `licenceIds` are the licences forming the window, so that a reader (the gateway) carries this
 * decision rather than reading the licences and deciding again.
 */
export const availabilityFacts = (doc: EpisodeDocument, availability: Availability) => ({
  episodeId: doc.episodeId,
  programmeId: doc.programmeId,
  title: doc.title,
  episodeTitle: doc.episodeTitle,
  available: availability.available,
  availableFrom: availability.window?.start.toISOString() ?? null,
  availableUntil: availability.window?.end.toISOString() ?? null,
  licenceIds: availability.licenceIds,
  restricted: doc.restricted,
});

/** `/availability/episodes/{id}?platform=` with `at` kept when the client asked for another instant. */
export const episodeHref = (episodeId: number, platform: string, at?: Date) =>
  `/availability/episodes/${episodeId}?platform=${encodeURIComponent(platform)}${at ? `&at=${encodeURIComponent(at.toISOString())}` : ''}`;

/**
 * One production as listed: ids, facts and links (plus its A to Z group when grouping). Built as
 * the plain object `halResource` renders (same properties, `_links.self` first among the links),
 * without it: a page holds twenty, and the `hal` package's Resource cost about 10 µs each, more
 * than the store's whole answer.
 */
export const productionResource = (
  doc: EpisodeDocument,
  availability: Availability,
  platform: string,
  extra: { readonly at?: Date; readonly group?: string } = {},
): HalResource => {
  const links = domainLinks(doc.episodeId);
  return {
    ...availabilityFacts(doc, availability),
    ...(extra.group ? { group: extra.group } : {}),
    _links: {
      self: { href: episodeHref(doc.episodeId, platform, extra.at) },
      catalogue: { href: links.catalogue },
      guidance: { href: links.guidance },
      licences: { href: links.licences },
    },
  };
};
