import { newEvent, type NewEvent } from '#platform/messaging/event-envelope';
import type { Episode, EpisodeStatus } from '../domain/episode.ts';
import type { Programme } from '../domain/programme.ts';

export const CATALOGUE_SOURCE = '/catalogue';
export const PROGRAMME_PUBLISHED = 'catalogue.programme.published';
export const PROGRAMME_REVISED = 'catalogue.programme.revised';
export const EPISODE_PUBLISHED = 'catalogue.episode.published';
export const EPISODE_REVISED = 'catalogue.episode.revised';
export const EPISODE_WITHDRAWN = 'catalogue.episode.withdrawn';

/** The payload of the programme events: the programme's full new state (docs/events.md). */
export interface ProgrammeData {
  readonly programmeId: number;
  readonly title: string;
  readonly channel: string;
  readonly synopsis: string;
}

/** The payload of the episode events: the episode's full new state (docs/events.md). */
export interface EpisodeData {
  readonly episodeId: number;
  readonly programmeId: number;
  readonly programmeTitle: string;
  readonly channel: string;
  readonly title: string;
  readonly synopsis: string;
  readonly seriesNumber: number;
  readonly orderInSeries: number;
  readonly orderInProgramme: number;
  readonly durationSeconds: number;
  readonly status: EpisodeStatus;
}

export const programmePath = (programmeId: number) => `/catalogue/programmes/${programmeId}`;
export const episodePath = (episodeId: number) => `/catalogue/episodes/${episodeId}`;

/** A programme's public facts, without the version (which travels as the envelope's `version`). */
export const programmeData = ({ programmeId, title, channel, synopsis }: Programme): ProgrammeData => ({
  programmeId,
  title,
  channel,
  synopsis,
});

/** An episode's public facts, without the version. */
export const episodeData = (episode: Episode): EpisodeData => {
  const {
    episodeId,
    programmeId,
    programmeTitle,
    channel,
    title,
    synopsis,
    seriesNumber,
    orderInSeries,
    orderInProgramme,
    durationSeconds,
    status,
  } = episode;
  return {
    episodeId,
    programmeId,
    programmeTitle,
    channel,
    title,
    synopsis,
    seriesNumber,
    orderInSeries,
    orderInProgramme,
    durationSeconds,
    status,
  };
};

const trace = (traceparent?: string, editor?: string) => ({ ...(traceparent ? { traceparent } : {}), ...(editor ? { editor } : {}) });

/** `catalogue.programme.published` (version 1) or `catalogue.programme.revised` (later versions). */
export const programmeChanged = (programme: Programme, time: Date, traceparent?: string, editor?: string): NewEvent<ProgrammeData> =>
  newEvent({
    source: CATALOGUE_SOURCE,
    type: programme.version === 1 ? PROGRAMME_PUBLISHED : PROGRAMME_REVISED,
    subject: programmePath(programme.programmeId),
    version: programme.version,
    time,
    ...trace(traceparent, editor),
    data: programmeData(programme),
  });

/** An episode event of the given type, carrying the episode's full new state. */
export const episodeEvent = (
  type: typeof EPISODE_PUBLISHED | typeof EPISODE_REVISED | typeof EPISODE_WITHDRAWN,
  episode: Episode,
  time: Date,
  traceparent?: string,
  editor?: string,
): NewEvent<EpisodeData> =>
  newEvent({
    source: CATALOGUE_SOURCE,
    type,
    subject: episodePath(episode.episodeId),
    version: episode.version,
    time,
    ...trace(traceparent, editor),
    data: episodeData(episode),
  });
