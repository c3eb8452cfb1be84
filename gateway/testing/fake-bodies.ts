import type { FakeEpisode } from './fake-data.ts';

const PLATFORMS = ['ios', 'android', 'samsung', 'web'];

const licenceId = (e: FakeEpisode, i: number) => `00000000-0000-4000-8000-${String(e.episodeId).padStart(8, '0')}000${i}`;

/** What availability lists for one episode: ids, facts and root-relative links only. */
export const productionBody = (e: FakeEpisode, platform: string) => ({
  episodeId: e.episodeId,
  programmeId: e.programmeId,
  title: e.programmeTitle,
  episodeTitle: e.title,
  available: Date.parse(e.window.startDate) <= Date.now(),
  availableFrom: e.window.startDate,
  availableUntil: e.window.endDate,
  licenceIds: [licenceId(e, PLATFORMS.indexOf(platform))],
  restricted: e.guidance?.restricted ?? false,
  _links: {
    self: { href: `/availability/episodes/${e.episodeId}?platform=${platform}` },
    catalogue: { href: `/catalogue/episodes/${e.episodeId}` },
    guidance: { href: `/guidance/episodes/${e.episodeId}` },
    licences: { href: `/licencing/licences?episode=${e.episodeId}` },
  },
});

export const catalogueBody = (e: FakeEpisode) => ({
  episodeId: e.episodeId,
  programmeId: e.programmeId,
  programmeTitle: e.programmeTitle,
  channel: e.channel,
  title: e.title,
  synopsis: e.synopsis,
  seriesNumber: 1,
  orderInSeries: 1 + (e.episodeId % 8),
  orderInProgramme: e.episodeId % 100,
  durationSeconds: 2700,
  status: 'published',
  _links: { self: { href: `/catalogue/episodes/${e.episodeId}` } },
});

export const guidanceBody = (e: FakeEpisode) =>
  e.guidance && { episodeId: e.episodeId, ...e.guidance, _links: { self: { href: `/guidance/episodes/${e.episodeId}` } } };

export const licencesBody = (e: FakeEpisode) => ({
  _embedded: {
    licences: PLATFORMS.map((platform, i) => ({
      licenceId: licenceId(e, i),
      episodeId: e.episodeId,
      platform,
      ...e.window,
      status: 'active',
      _links: { self: { href: `/licencing/licences/${e.episodeId}-${i}` } },
    })),
  },
  _links: { self: { href: `/licencing/licences?episode=${e.episodeId}` } },
});
