import type { EventEnvelope } from '#platform/messaging/event-envelope';
import type { EpisodeGuidance } from '../domain/episode-guidance.ts';
import { GuidanceError } from '../domain/guidance-error.ts';
import type { GuidanceRepository } from '../domain/ports.ts';

/** A fake for use-case tests; the shared contract suite keeps it honest against PostgreSQL. */
export const createInMemoryGuidanceRepository = () => {
  const state = new Map<number, EpisodeGuidance>();
  const outbox: EventEnvelope[] = [];
  const repository: GuidanceRepository & { readonly outbox: readonly EventEnvelope[] } = {
    outbox,
    async find(episodeId) {
      return state.get(episodeId);
    },
    async list(offset, limit) {
      const all = [...state.values()].sort((a, b) => a.episodeId - b.episodeId);
      return { items: all.slice(offset, offset + limit), total: all.length };
    },
    async save(next, events) {
      if ((state.get(next.episodeId)?.version ?? 0) !== next.version - 1)
        throw new GuidanceError('stale-version', 'The guidance changed since you read it.');
      state.set(next.episodeId, next);
      const appended = events.map((event, i) => ({ ...event, position: outbox.length + i + 1 }));
      outbox.push(...appended);
      return appended;
    },
  };
  return repository;
};
