import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { isConnectionLoss, unavailableOr } from './store-unavailable.ts';

pg.types.setTypeParser(pg.types.builtins.INT8, Number);

export interface PgDatabaseOptions {
  readonly url: string;
  /** Each service keeps its tables in its own schema, so one server can hold every service. */
  readonly schema: string;
  readonly max?: number;
  /** How long to wait for a new connection before answering 503 (default 5 s). */
  readonly connectTimeoutMs?: number;
}

const assertIdentifier = (name: string): string => {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return name;
};

/**
 * PostgreSQL through a `pg` pool whose connections all use the service's schema. A lost
 * connection (failover, restart, `pg_terminate_backend`) costs only the statements running on
 * it: every client has an `'error'` listener for its whole life, checked out or idle (without
 * one, node's EventEmitter throws the error and the process dies), a broken client is
 * destroyed rather than returned to the pool, and the loss surfaces as a StoreUnavailableError
 * (503). The next statement connects afresh, so the service recovers by itself.
 */
export const createPgDatabase = async ({ url, schema, max = 8, connectTimeoutMs = 5_000 }: PgDatabaseOptions): Promise<Database> => {
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
  const pool = new pg.Pool({ connectionString: url, max, options: `-c search_path=${name}`, connectionTimeoutMillis: connectTimeoutMs });
  // Idle clients' errors reach the pool, which drops them; a checked-out client's reach this
  // listener, and the statement it was running rejects with the same error.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const query: Queryable['query'] = async (sql, params) => {
    try {
      return { rows: (await pool.query(sql, params as unknown[] | undefined)).rows };
    } catch (error) {
      throw unavailableOr(error);
    }
  };
  return {
    kind: 'postgres',
    query,
    async transaction(work) {
      const client = await pool.connect().catch((error: unknown) => {
        throw unavailableOr(error);
      });
      // A client whose connection broke, or whose ROLLBACK failed, must not serve anyone else.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[] | undefined)).rows }),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (isConnectionLoss(error)) broken = error as Error;
        else await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
        throw unavailableOr(error);
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
};
