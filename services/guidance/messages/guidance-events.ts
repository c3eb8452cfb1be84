import { newEvent, type NewEvent } from '#platform/messaging/event-envelope';
import type { EpisodeGuidance } from '../domain/episode-guidance.ts';

export const GUIDANCE_SOURCE = '/guidance';
export const GUIDANCE_SET = 'guidance.episode.guidance-set';

/** The payload of `guidance.episode.guidance-set`: the guidance's full new state. */
export interface GuidanceSetData {
  readonly episodeId: number;
  readonly restricted: boolean;
  readonly message: string | null;
}

export const guidancePath = (episodeId: number) => `/guidance/episodes/${episodeId}`;

/** The envelope written to the outbox when an editor sets an episode's guidance. */
export const guidanceSet = (guidance: EpisodeGuidance, time: Date, traceparent?: string, editor?: string): NewEvent<GuidanceSetData> =>
  newEvent({
    source: GUIDANCE_SOURCE,
    type: GUIDANCE_SET,
    subject: guidancePath(guidance.episodeId),
    version: guidance.version,
    time,
    ...(traceparent ? { traceparent } : {}),
    ...(editor ? { editor } : {}),
    data: { episodeId: guidance.episodeId, restricted: guidance.restricted, message: guidance.message },
  });
