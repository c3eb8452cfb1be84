import test from 'ava';
import { migrate } from '#platform/storage/migrate';
import { freshPostgres } from '#platform/testing/postgres';
import { licenceRepositoryContract } from './licence-repository.contract.ts';
import { licencingMigrations } from './migrations.ts';
import { createPgLicenceRepository } from './pg-licence-repository.ts';

licenceRepositoryContract(test, 'PostgreSQL', async (t) => {
  const db = await freshPostgres(t);
  if (!db) return undefined;
  await migrate(db, licencingMigrations);
  return createPgLicenceRepository(db);
});
