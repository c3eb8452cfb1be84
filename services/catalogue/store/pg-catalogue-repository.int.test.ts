import test from 'ava';
import { migrate } from '#platform/storage/migrate';
import { freshPostgres } from '#platform/testing/postgres';
import { catalogueRepositoryContract } from './catalogue-repository.contract.ts';
import { catalogueMigrations } from './migrations.ts';
import { createPgCatalogueRepository } from './pg-catalogue-repository.ts';

catalogueRepositoryContract(test, 'PostgreSQL', async (t) => {
  const db = await freshPostgres(t);
  if (!db) return undefined;
  await migrate(db, catalogueMigrations);
  return createPgCatalogueRepository(db);
});
