import type { EventEnvelope } from '#platform/messaging/event-envelope';
import type { Licence } from '../domain/licence.ts';
import { LicencingError } from '../domain/licencing-error.ts';
import type { LicenceRepository } from '../domain/ports.ts';

/** startDate, then licenceId: the order the PostgreSQL adapter's ORDER BY gives (UTC strings sort as time). */
const byStartThenId = (a: Licence, b: Licence) =>
  a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.licenceId < b.licenceId ? -1 : a.licenceId > b.licenceId ? 1 : 0;

/** A fake for use-case tests; the shared contract suite keeps it honest against PostgreSQL. */
export const createInMemoryLicenceRepository = () => {
  const state = new Map<string, Licence>();
  const outbox: EventEnvelope[] = [];
  const keys = new Map<string, { fingerprint: string; licenceId: string }>();
  const repository: LicenceRepository & { readonly outbox: readonly EventEnvelope[] } = {
    outbox,
    async find(licenceId) {
      return state.get(licenceId);
    },
    async list(filter, offset, limit) {
      const all = [...state.values()]
        .filter(
          (l) =>
            (filter.episodeId === undefined || l.episodeId === filter.episodeId) &&
            (filter.platform === undefined || l.platform === filter.platform),
        )
        .sort(byStartThenId);
      return { items: all.slice(offset, offset + limit), total: all.length };
    },
    async grant(licence, events, key) {
      const used = key && keys.get(key.key);
      if (used)
        return used.fingerprint === key.fingerprint
          ? { kind: 'replayed', licence: state.get(used.licenceId)! }
          : { kind: 'key-reused', licenceId: used.licenceId };
      const existing = [...state.values()].find(
        (l) =>
          l.status === 'active' &&
          l.episodeId === licence.episodeId &&
          l.platform === licence.platform &&
          l.startDate === licence.startDate &&
          l.endDate === licence.endDate,
      );
      if (existing) return { kind: 'identical', existing };
      await repository.save(licence, events);
      if (key) keys.set(key.key, { fingerprint: key.fingerprint, licenceId: licence.licenceId });
      return { kind: 'granted', licence };
    },
    async save(next, events) {
      const current = state.get(next.licenceId);
      const sameLicence = !current || (current.episodeId === next.episodeId && current.platform === next.platform);
      if ((current?.version ?? 0) !== next.version - 1 || !sameLicence)
        throw new LicencingError('stale-version', 'The licence changed since you read it.');
      state.set(next.licenceId, next);
      const appended = events.map((event, i) => ({ ...event, position: outbox.length + i + 1 }));
      outbox.push(...appended);
      return appended;
    },
  };
  return repository;
};
