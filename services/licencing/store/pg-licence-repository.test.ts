import test from 'ava';
import { freshPglite } from '#platform/testing/pglite';
import { licenceRepositoryContract } from './licence-repository.contract.ts';
import { licencingMigrations } from './migrations.ts';
import { createPgLicenceRepository } from './pg-licence-repository.ts';

licenceRepositoryContract(test, 'PGlite', async (t) => {
  const db = await freshPglite(licencingMigrations);
  t.teardown(() => db.close());
  return createPgLicenceRepository(db);
});
