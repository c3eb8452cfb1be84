import pg from 'pg';
import type { Database, Queryable } from './database.ts';

pg.types.setTypeParser(pg.types.builtins.INT8, Number);

export interface PgDatabaseOptions {
  readonly url: string;
  /** Each service keeps its tables in its own schema, so one server can hold every service. */
  readonly schema: string;
  readonly max?: number;
}

const assertIdentifier = (name: string): string => {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return name;
};

/** PostgreSQL through a `pg` pool whose connections all use the service's schema. */
export const createPgDatabase = async ({ url, schema, max = 8 }: PgDatabaseOptions): Promise<Database> => {
  const name = assertIdentifier(schema);
  const bootstrap = new pg.Client({ connectionString: url });
  await bootstrap.connect();
  try {
    await bootstrap.query(/* sql */ `CREATE SCHEMA IF NOT EXISTS ${name}`);
  } catch (error) {
    // Two processes creating the schema at once race on the catalog; the loser sees it exists.
    const exists = await bootstrap.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name]);
    if (exists.rowCount === 0) throw error;
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({ connectionString: url, max, options: `-c search_path=${name}` });
  pool.on('error', () => undefined);
  const query: Queryable['query'] = async (sql, params) => {
    const result = await pool.query(sql, params as unknown[] | undefined);
    return { rows: result.rows };
  };
  return {
    kind: 'postgres',
    query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[] | undefined)).rows }),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
};
