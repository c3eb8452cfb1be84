import test from 'ava';
import { migrate } from '../../../platform/storage/migrate.ts';
import { createPgliteDatabase } from '../../../platform/storage/pglite-database.ts';
import { guidanceRepositoryContract } from './guidance-repository.contract.ts';
import { guidanceMigrations } from './migrations.ts';
import { createPgGuidanceRepository } from './pg-guidance-repository.ts';

guidanceRepositoryContract(test, 'PGlite', async (t) => {
  const db = await createPgliteDatabase();
  t.teardown(() => db.close());
  await migrate(db, guidanceMigrations);
  return createPgGuidanceRepository(db);
});
