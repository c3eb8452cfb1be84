import test from 'ava';
import { migrate } from '../../../platform/storage/migrate.ts';
import { createPgliteDatabase } from '../../../platform/storage/pglite-database.ts';
import { catalogueRepositoryContract } from './catalogue-repository.contract.ts';
import { catalogueMigrations } from './migrations.ts';
import { createPgCatalogueRepository } from './pg-catalogue-repository.ts';

catalogueRepositoryContract(test, 'PGlite', async (t) => {
  const db = await createPgliteDatabase();
  t.teardown(() => db.close());
  await migrate(db, catalogueMigrations);
  return createPgCatalogueRepository(db);
});
