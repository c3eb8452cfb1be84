import { CatalogueError } from './catalogue-error.ts';
import { isId } from './ids.ts';
import { checkPrecondition, type Precondition } from './precondition.ts';
import { CHANNEL, LIMITS, requireText } from './text.ts';

/** A programme (a show such as Downton Abbey) on one channel; episodes belong to it. */
export interface Programme {
  readonly programmeId: number;
  readonly title: string;
  readonly channel: string;
  readonly synopsis: string;
  readonly version: number;
}

/** The editor's intent: publish a new programme, or revise a published one. */
export interface PublishProgramme {
  readonly programmeId: number;
  readonly title: string;
  readonly channel: string;
  readonly synopsis: string;
  readonly precondition: Precondition;
}

const SUBJECT = { noun: 'programme', alreadyPublished: 'programme-already-published', notFound: 'programme-not-found' } as const;

/**
 * Decides a programme's new state from the current one (undefined: not yet published). Text is
 * trimmed and bounded and the channel is a short name, whoever sends the command (HTTP or the
 * demo loader), so the store never holds what the HTTP schema would have refused.
 */
export const decideProgramme = (current: Programme | undefined, command: PublishProgramme): Programme => {
  if (!isId(command.programmeId))
    throw new CatalogueError('invalid-programme-id', 'Programme ids are positive whole numbers of up to ten digits.');
  const title = requireText('invalid-programme', 'title', command.title, LIMITS.title);
  const synopsis = requireText('invalid-programme', 'synopsis', command.synopsis, LIMITS.synopsis);
  const channel = command.channel.trim();
  if (!CHANNEL.test(channel))
    throw new CatalogueError(
      'invalid-programme',
      `The channel must be a short name such as ITV or ITVBe (up to ${LIMITS.channel} characters).`,
    );
  checkPrecondition(current, command.precondition, SUBJECT);
  return { programmeId: command.programmeId, title, channel, synopsis, version: (current?.version ?? 0) + 1 };
};

/** Whether a revision changes what every episode carries (its programme's title and channel). */
export const changesEpisodes = (before: Programme | undefined, after: Programme): boolean =>
  before !== undefined && (before.title !== after.title || before.channel !== after.channel);
