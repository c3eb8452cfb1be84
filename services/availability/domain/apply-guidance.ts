import type { GuidanceData } from './event-payloads.ts';
import { holdsAtLeast, type ProjectionWrite } from './projection-write.ts';

/**
 * Applies `guidance.episode.guidance-set`. Guidance may arrive before the catalogue has
 * published the episode: it is kept on the (not yet answerable) document until then.
 */
export const applyGuidance = (data: GuidanceData, version: number): ProjectionWrite => {
  const fields = { restricted: data.restricted, guidanceMessage: data.message };
  return {
    episodeId: data.episodeId,
    change: { kind: 'guidance', version, fields },
    applyTo: (doc) =>
      holdsAtLeast(doc.versions.guidance, version) ? undefined : { ...doc, ...fields, versions: { ...doc.versions, guidance: version } },
  };
};
