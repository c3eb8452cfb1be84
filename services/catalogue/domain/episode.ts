import { CatalogueError } from './catalogue-error.ts';
import { isId } from './ids.ts';
import { checkPrecondition, type Precondition } from './precondition.ts';
import type { Programme } from './programme.ts';
import { LIMITS, requireCount, requireText } from './text.ts';

/** Whether viewers may be offered an episode; a withdrawn one stays readable for the record. */
export type EpisodeStatus = 'published' | 'withdrawn';

/** One episode, carrying its programme's title and channel (catalogue owns both). */
export interface Episode {
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
  readonly version: number;
}

/** The editor's intent: publish a new episode, or revise (or republish) an existing one. */
export interface PublishEpisode {
  readonly episodeId: number;
  readonly programmeId: number;
  readonly title: string;
  readonly synopsis: string;
  readonly seriesNumber: number;
  readonly orderInSeries: number;
  readonly orderInProgramme: number;
  readonly durationSeconds: number;
  readonly precondition: Precondition;
}

const SUBJECT = { noun: 'episode', alreadyPublished: 'episode-already-published', notFound: 'episode-not-found' } as const;
const invalid = 'invalid-episode' as const;

/**
 * Decides an episode's new state from the current one and its programme. Publishing a
 * withdrawn episode (with If-Match) republishes it: withdrawal is reversible, for a mistake or
 * rights coming back, through the same command that first published it.
 */
export const decideEpisode = (current: Episode | undefined, programme: Programme, command: PublishEpisode): Episode => {
  if (!isId(command.episodeId))
    throw new CatalogueError('invalid-episode-id', 'Episode ids are positive whole numbers of up to ten digits.');
  const episode: Episode = {
    episodeId: command.episodeId,
    programmeId: programme.programmeId,
    programmeTitle: programme.title,
    channel: programme.channel,
    title: requireText(invalid, 'title', command.title, LIMITS.title),
    synopsis: requireText(invalid, 'synopsis', command.synopsis, LIMITS.synopsis),
    seriesNumber: requireCount(invalid, 'series number', command.seriesNumber, LIMITS.seriesNumber),
    orderInSeries: requireCount(invalid, 'order in series', command.orderInSeries, LIMITS.order),
    orderInProgramme: requireCount(invalid, 'order in programme', command.orderInProgramme, LIMITS.order),
    durationSeconds: requireCount(invalid, 'duration in seconds', command.durationSeconds, LIMITS.durationSeconds),
    status: 'published',
    version: (current?.version ?? 0) + 1,
  };
  checkPrecondition(current, command.precondition, SUBJECT);
  return episode;
};

/** Withdraws a published episode at the version the editor read; it stays readable, withdrawn. */
export const decideWithdrawal = (current: Episode, version: number): Episode => {
  if (current.version !== version) throw new CatalogueError('stale-version', 'The episode changed since you read it.', current.version);
  if (current.status === 'withdrawn')
    throw new CatalogueError(
      'episode-already-withdrawn',
      'This episode is already withdrawn; publish it again to bring it back.',
      current.version,
    );
  return { ...current, status: 'withdrawn', version: current.version + 1 };
};

/** An episode revised to carry its programme's new title and channel, at its next version. */
export const carryProgramme = (episode: Episode, programme: Programme): Episode => ({
  ...episode,
  programmeTitle: programme.title,
  channel: programme.channel,
  version: episode.version + 1,
});
