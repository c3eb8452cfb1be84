import type { EventEnvelope } from '#platform/messaging/event-envelope';

let nextPosition = 1;

const envelope = <T>(source: string, type: string, subject: string, version: number, data: T, position?: number): EventEnvelope<T> => {
  const at = position ?? nextPosition++;
  return {
    specversion: '1.0',
    id: `${type}-${subject}-${version}-${at}`,
    source: `/${source}`,
    type,
    subject,
    time: new Date(Date.UTC(2026, 0, 1) + at * 1000).toISOString(),
    datacontenttype: 'application/json',
    version,
    position: at,
    data,
  };
};

export interface EpisodeFacts {
  readonly episodeId: number;
  /** The programme's title: what availability searches, sorts and groups by. */
  readonly programmeTitle?: string;
  /** The episode's own title, e.g. "Series 1, Episode 1". */
  readonly title?: string;
  readonly channel?: string;
  readonly programmeId?: number;
  readonly status?: 'published' | 'withdrawn';
}

/** A `catalogue.episode.*` envelope as the catalogue publishes it. */
export const episodeEvent = (facts: EpisodeFacts, version = 1, position?: number) =>
  envelope(
    'catalogue',
    facts.status === 'withdrawn'
      ? 'catalogue.episode.withdrawn'
      : version === 1
        ? 'catalogue.episode.published'
        : 'catalogue.episode.revised',
    `/catalogue/episodes/${facts.episodeId}`,
    version,
    {
      episodeId: facts.episodeId,
      programmeId: facts.programmeId ?? 1,
      programmeTitle: facts.programmeTitle ?? `Programme ${facts.programmeId ?? 1}`,
      channel: facts.channel ?? 'ITV',
      title: facts.title ?? `Episode ${facts.episodeId}`,
      synopsis: 'A synopsis.',
      seriesNumber: 1,
      orderInSeries: 1,
      orderInProgramme: 1,
      durationSeconds: 2700,
      status: facts.status ?? 'published',
    },
    position,
  );

/** A `guidance.episode.guidance-set` envelope. */
export const guidanceEvent = (episodeId: number, restricted: boolean, message: string | null, version = 1, position?: number) =>
  envelope(
    'guidance',
    'guidance.episode.guidance-set',
    `/guidance/episodes/${episodeId}`,
    version,
    { episodeId, restricted, message },
    position,
  );

export interface LicenceFacts {
  readonly licenceId: string;
  readonly episodeId: number;
  readonly platform?: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly status?: 'active' | 'revoked';
}

/** A `licencing.licence.*` envelope: granted at version 1, amended after, revoked when so. */
export const licenceEvent = (facts: LicenceFacts, version = 1, position?: number) =>
  envelope(
    'licencing',
    facts.status === 'revoked'
      ? 'licencing.licence.revoked'
      : version === 1
        ? 'licencing.licence.granted'
        : 'licencing.licence.window-amended',
    `/licencing/licences/${facts.licenceId}`,
    version,
    { platform: 'ios', status: 'active', ...facts },
    position,
  );

/** A licence id shaped like the licencing service's UUIDs, derived from a number for readable tests. */
export const licenceId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
