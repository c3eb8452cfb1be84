import { z } from 'zod';
import { zInstant } from '#platform/time/instant';

const episodeId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * `catalogue.episode.*` data (docs/events.md); unknown fields are ignored, not stored. Both
 * titles are read: the programme's is what viewers search and browse A to Z ("Downton Abbey"),
 * the episode's own ("Series 1, Episode 1") is only shown beside it.
 */
export const episodeDataSchema = z.object({
  episodeId,
  programmeId: z.number().int().positive(),
  programmeTitle: z.string().min(1).max(500),
  channel: z.string().min(1).max(100),
  title: z.string().min(1).max(500),
  status: z.enum(['published', 'withdrawn']),
});
export type EpisodeData = z.output<typeof episodeDataSchema>;

/** `guidance.episode.guidance-set` data. */
export const guidanceDataSchema = z.object({
  episodeId,
  restricted: z.boolean(),
  message: z.string().max(1000).nullable(),
});
export type GuidanceData = z.output<typeof guidanceDataSchema>;

/** `licencing.licence.*` data; instants by the platform's one rule, the window well formed (end after start). */
export const licenceDataSchema = z
  .object({
    licenceId: z.string().regex(/^[0-9a-fA-F-]{8,64}$/),
    episodeId,
    platform: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    startDate: zInstant,
    endDate: zInstant,
    status: z.enum(['active', 'revoked']),
  })
  .refine((l) => Date.parse(l.endDate) > Date.parse(l.startDate), { message: 'endDate must be after startDate' });
export type LicenceData = z.output<typeof licenceDataSchema>;
