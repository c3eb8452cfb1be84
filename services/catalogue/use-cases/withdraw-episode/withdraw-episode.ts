import { CatalogueError } from '../../domain/catalogue-error.ts';
import { decideWithdrawal, type Episode } from '../../domain/episode.ts';
import type { CatalogueRepository, Clock } from '../../domain/ports.ts';
import { EPISODE_WITHDRAWN, episodeEvent } from '../../messages/catalogue-events.ts';

export interface WithdrawEpisodeDeps {
  readonly repository: CatalogueRepository;
  readonly clock: Clock;
}

/** Withdraw the episode at the version the editor read (its ETag). */
export interface WithdrawEpisodeCommand {
  readonly episodeId: number;
  readonly version: number;
}

export type WithdrawEpisodeUseCase = (command: WithdrawEpisodeCommand, traceparent?: string, editor?: string) => Promise<Episode>;

/**
 * An editor withdraws an episode (rights lost, a compliance problem). It stays readable with
 * status "withdrawn", so links to it keep working, and `catalogue.episode.withdrawn` tells
 * consumers to stop offering it. Republishing it is `publishEpisode` with If-Match.
 */
export const makeWithdrawEpisode =
  ({ repository, clock }: WithdrawEpisodeDeps): WithdrawEpisodeUseCase =>
  async ({ episodeId, version }, traceparent, editor) => {
    const current = await repository.findEpisode(episodeId);
    if (!current) throw new CatalogueError('episode-not-found', `Episode ${episodeId} is not in the catalogue.`);
    const episode = decideWithdrawal(current, version);
    await repository.save({ episodes: [episode] }, [episodeEvent(EPISODE_WITHDRAWN, episode, clock.now(), traceparent, editor)]);
    return episode;
  };
