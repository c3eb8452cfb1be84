import { outboxMigration, outboxSubjectMigration } from '#platform/outbox/outbox';
import type { Migration } from '#platform/storage/migrate';

const file = (name: string) => new URL(`./migrations/${name}.sql`, import.meta.url);

/** The catalogue service's schema, in order; the same files run on PostgreSQL and PGlite. */
export const catalogueMigrations: readonly Migration[] = [
  outboxMigration,
  outboxSubjectMigration,
  { name: 'catalogue-001-create-programmes', file: file('001-create-programmes') },
  { name: 'catalogue-002-create-programmes-channel-index', file: file('002-create-programmes-channel-index') },
  { name: 'catalogue-003-create-episodes', file: file('003-create-episodes') },
  { name: 'catalogue-004-create-episodes-programme-index', file: file('004-create-episodes-programme-index') },
];
