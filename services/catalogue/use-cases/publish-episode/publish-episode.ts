import { CatalogueError } from '../../domain/catalogue-error.ts';
import { decideEpisode, type Episode, type PublishEpisode } from '../../domain/episode.ts';
import type { CatalogueRepository, Clock } from '../../domain/ports.ts';
import { EPISODE_PUBLISHED, EPISODE_REVISED, episodeEvent } from '../../messages/catalogue-events.ts';

export interface PublishEpisodeDeps {
  readonly repository: CatalogueRepository;
  readonly clock: Clock;
}

export type PublishEpisodeCommand = PublishEpisode;
export type PublishEpisodeUseCase = (
  command: PublishEpisodeCommand,
  traceparent?: string,
  editor?: string,
) => Promise<{ episode: Episode; created: boolean }>;

/**
 * An editor publishes an episode of a programme in the catalogue, revises it, or republishes a
 * withdrawn one. Published (new or back from withdrawal) emits `catalogue.episode.published`,
 * so a consumer offers it again; any other change `catalogue.episode.revised`.
 */
export const makePublishEpisode =
  ({ repository, clock }: PublishEpisodeDeps): PublishEpisodeUseCase =>
  async (command, traceparent, editor) => {
    const [current, programme] = await Promise.all([
      repository.findEpisode(command.episodeId),
      repository.findProgramme(command.programmeId),
    ]);
    if (!programme)
      throw new CatalogueError('unknown-programme', `Programme ${command.programmeId} is not in the catalogue: publish it first.`);
    const episode = decideEpisode(current, programme, command);
    const type = current?.status === 'published' ? EPISODE_REVISED : EPISODE_PUBLISHED;
    await repository.save({ episodes: [episode] }, [episodeEvent(type, episode, clock.now(), traceparent, editor)]);
    return { episode, created: current === undefined };
  };
