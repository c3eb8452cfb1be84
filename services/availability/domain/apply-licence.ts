import type { LicenceEntry } from './episode-projection.ts';
import type { LicenceData } from './event-payloads.ts';
import type { ProjectionWrite } from './projection-write.ts';
import { sharedInstant } from './shared-instant.ts';

/**
 * Applies `licencing.licence.granted|window-amended|revoked`: the licence's entry is replaced
 * whole (a revoked one stays, inactive, so that an older grant arriving late cannot revive it).
 * The guard reads the version inside the entry; the replacement is one pipeline update, atomic
 * in MongoDB, with the new entry wrapped in `$literal` so no value is read as an operator.
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
    filter: {
      _id: data.episodeId,
      licences: { $not: { $elemMatch: { licenceId: data.licenceId, version: { $gte: version } } } },
    },
    update: [
      {
        $set: {
          licences: {
            $concatArrays: [
              { $filter: { input: { $ifNull: ['$licences', []] }, cond: { $ne: ['$$this.licenceId', { $literal: data.licenceId }] } } },
              [{ $literal: entry }],
            ],
          },
        },
      },
    ],
    applyTo: (doc) =>
      doc.licences.some((l) => l.licenceId === data.licenceId && l.version >= version)
        ? undefined
        : { ...doc, licences: [...doc.licences.filter((l) => l.licenceId !== data.licenceId), entry] },
  };
};
