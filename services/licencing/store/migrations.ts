import { outboxMigration, outboxSubjectMigration } from '#platform/outbox/outbox';
import type { Migration } from '#platform/storage/migrate';

const file = (name: string) => new URL(`./migrations/${name}`, import.meta.url);

/**
 * The licencing service's schema, in order; the same files run on PostgreSQL and PGlite.
 * The indexes lead with episode and platform (then the list order), for the two filters.
 */
export const licencingMigrations: readonly Migration[] = [
  outboxMigration,
  outboxSubjectMigration,
  { name: 'licencing-001-create-licences', file: file('001-create-licences.sql') },
  { name: 'licencing-002-index-licences-by-episode', file: file('002-index-licences-by-episode.sql') },
  { name: 'licencing-003-index-licences-by-platform', file: file('003-index-licences-by-platform.sql') },
  { name: 'licencing-004-create-grant-keys', file: file('004-create-grant-keys.sql') },
];
