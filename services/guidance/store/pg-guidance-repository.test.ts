import test from 'ava';
import { freshPglite } from '#platform/testing/pglite';
import { guidanceRepositoryContract } from './guidance-repository.contract.ts';
import { guidanceMigrations } from './migrations.ts';
import { createPgGuidanceRepository } from './pg-guidance-repository.ts';

guidanceRepositoryContract(test, 'PGlite', async (t) => {
  const db = await freshPglite(guidanceMigrations);
  t.teardown(() => db.close());
  return createPgGuidanceRepository(db);
});
