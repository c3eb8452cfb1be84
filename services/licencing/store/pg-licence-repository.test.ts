import test from 'ava';
import { migrate } from '../../../platform/storage/migrate.ts';
import { createPgliteDatabase } from '../../../platform/storage/pglite-database.ts';
import { licenceRepositoryContract } from './licence-repository.contract.ts';
import { licencingMigrations } from './migrations.ts';
import { createPgLicenceRepository } from './pg-licence-repository.ts';

licenceRepositoryContract(test, 'PGlite', async (t) => {
  const db = await createPgliteDatabase();
  t.teardown(() => db.close());
  await migrate(db, licencingMigrations);
  return createPgLicenceRepository(db);
});
