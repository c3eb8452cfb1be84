import test from 'ava';
import { freshPglite } from '#platform/testing/pglite';
import { catalogueRepositoryContract } from './catalogue-repository.contract.ts';
import { catalogueMigrations } from './migrations.ts';
import { createPgCatalogueRepository } from './pg-catalogue-repository.ts';

catalogueRepositoryContract(test, 'PGlite', async (t) => {
  const db = await freshPglite(catalogueMigrations);
  t.teardown(() => db.close());
  return createPgCatalogueRepository(db);
});
