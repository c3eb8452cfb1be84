import { decideGuidance, type EpisodeGuidance, type SetGuidance } from '../../domain/episode-guidance.ts';
import type { Clock, GuidanceRepository } from '../../domain/ports.ts';
import { guidanceSet } from '../../messages/guidance-events.ts';

export interface SetEpisodeGuidanceDeps {
  readonly repository: GuidanceRepository;
  readonly clock: Clock;
}

export type SetEpisodeGuidance = (
  command: SetGuidance,
  traceparent?: string,
  editor?: string,
) => Promise<{ guidance: EpisodeGuidance; created: boolean }>;

/**
 * An editor sets an episode's viewer guidance: decide the new state from the current one,
 * then save it with its `guidance.episode.guidance-set` event in one transaction.
 */
export const makeSetEpisodeGuidance =
  ({ repository, clock }: SetEpisodeGuidanceDeps): SetEpisodeGuidance =>
  async (command, traceparent, editor) => {
    const current = await repository.find(command.episodeId);
    const guidance = decideGuidance(current, command);
    await repository.save(guidance, [guidanceSet(guidance, clock.now(), traceparent, editor)]);
    return { guidance, created: current === undefined };
  };
