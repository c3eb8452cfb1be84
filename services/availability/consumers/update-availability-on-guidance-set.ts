import { applyGuidance } from '../domain/apply-guidance.ts';
import { guidanceDataSchema } from '../domain/event-payloads.ts';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import type { ProjectionWrite } from '../domain/projection-write.ts';

export const GUIDANCE_PATTERNS = ['guidance.episode.guidance-set'] as const;

/** Turns `guidance.episode.guidance-set` into its projection write; invalid payloads throw. */
export const updateAvailabilityOnGuidanceSet = (event: EventEnvelope): ProjectionWrite =>
  applyGuidance(guidanceDataSchema.parse(event.data), event.version);
