import type { Document } from 'mongodb';
import type { ProjectionWrite } from '../domain/projection-write.ts';

/** Matches the episode when `path` is absent or lower than `version`. */
const olderThan = (path: string, version: number): Document => ({ [path]: { $not: { $gte: version } } });

/**
 * A projection write in MongoDB's terms: a filter that matches only when the change is newer
 * than what the document holds, and the update that makes it. Catalogue and guidance fields are
 * `$set` with their version; a licence's entry is replaced whole by one pipeline update (atomic
 * in MongoDB), the new entry wrapped in `$literal` so that no value is read as an operator.
 */
export const mongoUpdateOf = ({ episodeId, change }: ProjectionWrite): { filter: Document; update: Document | Document[] } => {
  switch (change.kind) {
    case 'catalogue':
      return {
        filter: { _id: episodeId, ...olderThan('versions.catalogue', change.version) },
        update: { $set: { 'versions.catalogue': change.version, ...change.fields } },
      };
    case 'guidance':
      return {
        filter: { _id: episodeId, ...olderThan('versions.guidance', change.version) },
        update: { $set: { 'versions.guidance': change.version, ...change.fields } },
      };
    case 'licence': {
      const { entry } = change;
      return {
        filter: { _id: episodeId, licences: { $not: { $elemMatch: { licenceId: entry.licenceId, version: { $gte: entry.version } } } } },
        update: [
          {
            $set: {
              licences: {
                $concatArrays: [
                  {
                    $filter: { input: { $ifNull: ['$licences', []] }, cond: { $ne: ['$$this.licenceId', { $literal: entry.licenceId }] } },
                  },
                  [{ $literal: entry }],
                ],
              },
            },
          },
        ],
      };
    }
  }
};
