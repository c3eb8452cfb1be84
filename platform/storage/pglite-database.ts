import { mkdir } from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import type { Database } from './database.ts';

/**
 * The embedded adapter: PGlite (PostgreSQL compiled to WebAssembly) persisted under `dataDir`,
 * or in memory when `dataDir` is undefined (tests). Same SQL as the `pg` adapter. PGlite has
 * one connection, so transactions are serialised; it does not fsync (survives a process crash,
 * not a power loss).
 */
export const createPgliteDatabase = async (dataDir?: string): Promise<Database> => {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://', { parsers: { [types.INT8]: Number } });
  return {
    kind: 'pglite',
    query: async (sql, params) => ({ rows: (await db.query(sql, params as unknown[] | undefined)).rows as never[] }),
    transaction: (work) =>
      db.transaction((tx) =>
        work({ query: async (sql, params) => ({ rows: (await tx.query(sql, params as unknown[] | undefined)).rows as never[] }) }),
      ),
    close: () => db.close(),
  };
};
