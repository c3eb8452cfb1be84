import type { LicenceEntry } from './episode-projection.ts';
import type { LicenceData } from './event-payloads.ts';
import type { ProjectionWrite } from './projection-write.ts';
import { sharedInstant } from './shared-instant.ts';

/**
 * Applies `licencing.licence.granted|window-amended|revoked`: the licence's entry is replaced
 * whole, unless the document holds that licence at this version or a later one (a revoked one
 * stays, inactive, so that an older grant arriving late cannot revive it).
 */
export const applyLicence = (data: LicenceData, version: number): ProjectionWrite => {
  const entry: LicenceEntry = {
    licenceId: data.licenceId,
    version,
    platform: data.platform,
    start: sharedInstant(data.startDate),
    end: sharedInstant(data.endDate),
    active: data.status === 'active',
  };
  return {
    episodeId: data.episodeId,
    change: { kind: 'licence', entry },
    applyTo: (doc) =>
      doc.licences.some((l) => l.licenceId === data.licenceId && l.version >= version)
        ? undefined
        : { ...doc, licences: [...doc.licences.filter((l) => l.licenceId !== data.licenceId), entry] },
  };
};
