import type { Clock } from '../domain/ports.ts';
import { createInMemoryLicenceRepository } from './in-memory-licence-repository.ts';

export const NOW = new Date('2026-06-01T12:00:00Z');
export const PLATFORMS = ['ios', 'android', 'samsung', 'web'] as const;

/** The fakes every use-case test starts from: an empty in-memory store, a stopped clock and predictable ids. */
export const givenAnEmptyStore = () => {
  const repository = createInMemoryLicenceRepository();
  const clock: Clock = { now: () => NOW };
  let ids = 0;
  const newLicenceId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
  return { repository, clock, newLicenceId, platforms: PLATFORMS };
};
