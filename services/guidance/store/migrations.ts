import { outboxMigration, outboxSubjectMigration } from '#platform/outbox/outbox';
import type { Migration } from '#platform/storage/migrate';

/** The guidance service's schema, in order; the same files run on PostgreSQL and PGlite. */
export const guidanceMigrations: readonly Migration[] = [
  outboxMigration,
  outboxSubjectMigration,
  { name: 'guidance-001-create-episode-guidance', file: new URL('./migrations/001-create-episode-guidance.sql', import.meta.url) },
];
