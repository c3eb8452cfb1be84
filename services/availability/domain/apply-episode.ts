import type { EpisodeData } from './event-payloads.ts';
import { holdsAtLeast, type CatalogueFields, type ProjectionWrite } from './projection-write.ts';
import { channelKey, titleSortKey, titleWords } from './text.ts';

/**
 * Applies `catalogue.episode.published|revised|withdrawn`: the production's title (the
 * programme's, which `q` searches and the A to Z rails sort and group), its sort key and search
 * words, the episode's own title beside it, programme and channel (and its folded key), and
 * whether it may be answered at all. A withdrawn episode keeps its document (and versions) but
 * leaves every answer.
 */
export const applyEpisode = (data: EpisodeData, version: number): ProjectionWrite => {
  const fields: CatalogueFields = {
    programmeId: data.programmeId,
    title: data.programmeTitle,
    episodeTitle: data.title,
    titleKey: titleSortKey(data.programmeTitle),
    words: titleWords(data.programmeTitle),
    channel: data.channel,
    channelKey: channelKey(data.channel),
    published: data.status === 'published',
  };
  return {
    episodeId: data.episodeId,
    change: { kind: 'catalogue', version, fields },
    applyTo: (doc) =>
      holdsAtLeast(doc.versions.catalogue, version) ? undefined : { ...doc, ...fields, versions: { ...doc.versions, catalogue: version } },
  };
};
