import type { EpisodeData } from './event-payloads.ts';
import { olderThan, type ProjectionWrite } from './projection-write.ts';
import { titleSortKey, titleWords } from './text.ts';

/**
 * Applies `catalogue.episode.published|revised|withdrawn`: the episode's title, sort key,
 * search words, programme and channel, and whether it may be answered at all. A withdrawn
 * episode keeps its document (and versions) but leaves every answer.
 */
export const applyEpisode = (data: EpisodeData, version: number): ProjectionWrite => ({
  episodeId: data.episodeId,
  filter: { _id: data.episodeId, ...olderThan('versions.catalogue', version) },
  update: {
    $set: {
      'versions.catalogue': version,
      programmeId: data.programmeId,
      title: data.title,
      titleKey: titleSortKey(data.title),
      words: titleWords(data.title),
      channel: data.channel,
      published: data.status === 'published',
    },
  },
});
