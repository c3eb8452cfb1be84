import test from 'ava';
import { migrate } from '#platform/storage/migrate';
import { freshPostgres } from '#platform/testing/postgres';
import { guidanceRepositoryContract } from './guidance-repository.contract.ts';
import { guidanceMigrations } from './migrations.ts';
import { createPgGuidanceRepository } from './pg-guidance-repository.ts';

guidanceRepositoryContract(test, 'PostgreSQL', async (t) => {
  const db = await freshPostgres(t);
  if (!db) return undefined;
  await migrate(db, guidanceMigrations);
  return createPgGuidanceRepository(db);
});
