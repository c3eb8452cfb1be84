import type { EventEnvelope } from '#platform/messaging/event-envelope';
import { CatalogueError } from '../domain/catalogue-error.ts';
import type { Episode } from '../domain/episode.ts';
import type { CatalogueRepository } from '../domain/ports.ts';
import type { Programme } from '../domain/programme.ts';

const stale = (noun: string) => new CatalogueError('stale-version', `The ${noun} changed since you read it.`);
const byProgrammeOrder = (a: Episode, b: Episode) => a.orderInProgramme - b.orderInProgramme || a.episodeId - b.episodeId;

/** A fake for use-case tests; the shared contract suite keeps it honest against PostgreSQL. */
export const createInMemoryCatalogueRepository = () => {
  const programmes = new Map<number, Programme>();
  const episodes = new Map<number, Episode>();
  const outbox: EventEnvelope[] = [];

  const repository: CatalogueRepository & { readonly outbox: readonly EventEnvelope[] } = {
    outbox,
    async findProgramme(programmeId) {
      return programmes.get(programmeId);
    },
    async listProgrammes({ channel, title }, offset, limit) {
      const all = [...programmes.values()]
        .filter(
          (p) =>
            (channel === undefined || p.channel === channel) &&
            (title === undefined || p.title.toLowerCase().includes(title.toLowerCase())),
        )
        .sort((a, b) => a.programmeId - b.programmeId);
      return { items: all.slice(offset, offset + limit), total: all.length };
    },
    async findEpisode(episodeId) {
      return episodes.get(episodeId);
    },
    async listEpisodes({ programmeId }, offset, limit) {
      const all = [...episodes.values()].filter((e) => programmeId === undefined || e.programmeId === programmeId);
      all.sort(programmeId === undefined ? (a, b) => a.episodeId - b.episodeId : byProgrammeOrder);
      return { items: all.slice(offset, offset + limit), total: all.length };
    },
    async episodesOfProgramme(programmeId) {
      return [...episodes.values()].filter((e) => e.programmeId === programmeId).sort(byProgrammeOrder);
    },
    async save(changes, events) {
      const nextProgrammes = new Map(programmes);
      const nextEpisodes = new Map(episodes);
      for (const programme of changes.programmes ?? []) {
        if ((programmes.get(programme.programmeId)?.version ?? 0) !== programme.version - 1) throw stale('programme');
        nextProgrammes.set(programme.programmeId, programme);
      }
      for (const episode of changes.episodes ?? []) {
        if ((episodes.get(episode.episodeId)?.version ?? 0) !== episode.version - 1) throw stale('episode');
        nextEpisodes.set(episode.episodeId, episode);
      }
      for (const episode of nextEpisodes.values()) {
        const programme = nextProgrammes.get(episode.programmeId);
        if (!programme) throw new CatalogueError('unknown-programme', `Programme ${episode.programmeId} is not in the catalogue.`);
        if (programme.title !== episode.programmeTitle || programme.channel !== episode.channel) throw stale('programme');
      }
      programmes.clear();
      for (const [id, programme] of nextProgrammes) programmes.set(id, programme);
      episodes.clear();
      for (const [id, episode] of nextEpisodes) episodes.set(id, episode);
      const appended = events.map((event, i) => ({ ...event, position: outbox.length + i + 1 }));
      outbox.push(...appended);
      return appended;
    },
  };
  return repository;
};
