import { randomBytes } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import pg from 'pg';
import type { Database } from '../storage/database.ts';
import { createPgDatabase } from '../storage/pg-database.ts';

/** The server integration tests use; CI's and the developers' machines run one locally. */
export const testPostgresUrl = (): string => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const requireServices = () => process.env.REQUIRE_SERVICES === '1';

let reachable: Promise<boolean> | undefined;
const probe = () =>
  (reachable ??= (async () => {
    const client = new pg.Client({ connectionString: testPostgresUrl(), connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })());

/** The URL with `application_name` set: how a chaos test finds its own backends in `pg_stat_activity`, and only those. */
export const withApplicationName = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
};

/**
 * Terminates every backend whose `application_name` is `name` (and no one else's, since the
 * server is shared) the way a failover or an administrator does; resolves with how many.
 */
export const terminateBackends = async (name: string): Promise<number> => {
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      // Materialised first: in one WHERE the planner may call pg_terminate_backend on rows (this very backend) before the filters.
      /* sql */ `WITH own AS MATERIALIZED (SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid())
        SELECT pid FROM own WHERE pg_terminate_backend(pid)`,
      [name],
    );
    return rows.length;
  } finally {
    await admin.end();
  }
};

/**
 * A fresh PostgreSQL database for a test that runs whole service processes (each keeps its
 * tables in a schema named after it, which would collide in the shared `test` database),
 * dropped afterwards, its connections included. Skips or fails like freshPostgres when the
 * server is absent; returns the database's URL with `application_name` set to its name, so
 * `terminateBackends(name)` reaches this test's connections and no one else's.
 */
export const freshDatabase = async (t: ExecutionContext): Promise<{ url: string; name: string } | undefined> => {
  if (!(await probe())) {
    const message = `PostgreSQL is not reachable at ${testPostgresUrl()} (set TEST_DATABASE_URL)`;
    if (requireServices()) t.fail(`${message}, and REQUIRE_SERVICES=1 forbids skipping`);
    else {
      t.log(`SKIPPED: ${message}`);
      t.pass();
    }
    return undefined;
  }
  const name = `chaos_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: testPostgresUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  t.teardown(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return { url: withApplicationName(url.toString(), name), name };
};

/**
 * A fresh PostgreSQL schema for one test, dropped afterwards. When the server is absent the
 * test says so loudly and is skipped, unless REQUIRE_SERVICES=1, where absence fails it.
 * Returns undefined when skipped; the caller returns at once.
 */
export const freshPostgres = async (
  t: ExecutionContext,
  options: { max?: number; applicationName?: string } = {},
): Promise<Database | undefined> => {
  if (!(await probe())) {
    const message = `PostgreSQL is not reachable at ${testPostgresUrl()} (set TEST_DATABASE_URL)`;
    if (requireServices()) {
      t.fail(`${message}, and REQUIRE_SERVICES=1 forbids skipping`);
      return undefined;
    }
    t.log(`SKIPPED: ${message}`);
    t.pass();
    return undefined;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await createPgDatabase({
    url: options.applicationName ? withApplicationName(testPostgresUrl(), options.applicationName) : testPostgresUrl(),
    schema,
    ...(options.max ? { max: options.max } : {}),
  });
  t.teardown(async () => {
    await db.close();
    const client = new pg.Client({ connectionString: testPostgresUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  return db;
};
