import { readFile } from 'node:fs/promises';
import type { Database } from './database.ts';

/** One migration: a name (kept in `schema_migrations`) and the file it is read from. */
export interface Migration {
  readonly name: string;
  readonly file: URL;
}

/**
 * Applies, in order and each in its own transaction, the migrations not yet recorded. The same
 * files run on PostgreSQL and PGlite; an advisory lock keeps concurrent starts from racing.
 */
export const migrate = async (db: Database, migrations: readonly Migration[]): Promise<string[]> => {
  await db.query(
    /* sql */ `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    const sql = await readFile(migration.file, 'utf8');
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query(/* sql */ `SELECT pg_advisory_xact_lock(hashtext(current_schema()))`);
      const seen = await tx.query(/* sql */ `SELECT 1 FROM schema_migrations WHERE name = $1`, [migration.name]);
      if (seen.rows.length > 0) return false;
      for (const statement of sql
        .split(/;\s*$/m)
        .map((s) => s.trim())
        .filter(Boolean))
        await tx.query(statement);
      await tx.query(/* sql */ `INSERT INTO schema_migrations (name) VALUES ($1)`, [migration.name]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
};
