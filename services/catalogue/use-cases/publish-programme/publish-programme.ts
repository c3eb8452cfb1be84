import { carryProgramme } from '../../domain/episode.ts';
import type { CatalogueRepository, Clock } from '../../domain/ports.ts';
import { changesEpisodes, decideProgramme, type Programme, type PublishProgramme } from '../../domain/programme.ts';
import { EPISODE_REVISED, episodeEvent, programmeChanged } from '../../messages/catalogue-events.ts';

export interface PublishProgrammeDeps {
  readonly repository: CatalogueRepository;
  readonly clock: Clock;
}

export type PublishProgrammeCommand = PublishProgramme;
export type PublishProgrammeUseCase = (
  command: PublishProgrammeCommand,
  traceparent?: string,
  editor?: string,
) => Promise<{ programme: Programme; created: boolean }>;

/**
 * An editor publishes a programme or revises it. A new title or channel is carried to every
 * episode of it in the same transaction, one `catalogue.episode.revised` each, so consumers
 * holding episodes never show a programme's old name next to its new one.
 */
export const makePublishProgramme =
  ({ repository, clock }: PublishProgrammeDeps): PublishProgrammeUseCase =>
  async (command, traceparent, editor) => {
    const current = await repository.findProgramme(command.programmeId);
    const programme = decideProgramme(current, command);
    const carried = changesEpisodes(current, programme) ? await repository.episodesOfProgramme(programme.programmeId) : [];
    const episodes = carried.map((episode) => carryProgramme(episode, programme));
    const time = clock.now();
    const events = [
      programmeChanged(programme, time, traceparent, editor),
      ...episodes.map((episode) => episodeEvent(EPISODE_REVISED, episode, time, traceparent, editor)),
    ];
    await repository.save({ programmes: [programme], episodes }, events);
    return { programme, created: current === undefined };
  };
