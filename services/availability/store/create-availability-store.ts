import type { AvailabilityStore } from '../domain/availability-store.ts';
import { createInMemoryAvailabilityStore } from './in-memory-availability-store.ts';

/**
 * Chooses the projection's adapter from configuration: MongoDB when `MONGODB_URL` is set
 * (distributed mode), the embedded in-memory store otherwise. The projection is ephemeral
 * either way: it is rebuilt from the feeds when empty. The MongoDB adapter (and its driver,
 * 170 ms of module loading) is imported only when chosen.
 */
export const createAvailabilityStore = async (config: {
  readonly MONGODB_URL?: string;
  readonly MONGODB_DB: string;
}): Promise<AvailabilityStore> =>
  config.MONGODB_URL
    ? (await import('./mongo-availability-store.ts')).createMongoAvailabilityStore({ url: config.MONGODB_URL, dbName: config.MONGODB_DB })
    : createInMemoryAvailabilityStore();
