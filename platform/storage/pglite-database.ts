import { mkdir } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';
import { seedFromClusterTemplate } from './pglite-cluster-template.ts';

/**
 * PGlite's own start parameters plus a small memory footprint. PostgreSQL's default
 * `shared_buffers` (128 MB) is touched in full when PGlite starts, inside its WebAssembly memory
 * that never shrinks: with three instances that was 642 MB of the embedded process's 1 GB. 8 MB
 * of buffers hold the demo's hot pages; the operating system's page cache holds the rest, so
 * reads do not go to disk. Measured on one store of the demo: 346 MB resident with the defaults,
 * 179 MB with these settings, no slower to open (`pglite-database.test.ts` keeps
 * the setting in force).
 */
export const PGLITE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  ...['-c', 'shared_buffers=8MB', '-c', 'wal_buffers=512kB', '-c', 'max_connections=5'],
];

/**
 * Compiles WebAssembly with V8's baseline compiler only (Liftoff), before PGlite's module is
 * first compiled. V8 otherwise recompiles PGlite's hot functions with its optimising compiler,
 * whose code and compile work cost more than they save in a process that runs a few thousand
 * statements: measured on Node 20 (3,000 inserts and 3,000 reads on one PGlite), 6.0 s of CPU
 * and 631 MB resident with tiering, 4.0 s and 540 MB with Liftoff only; the embedded
 * `npm start` after the demo load, 438 MB (tiering) and 306 to 314 MB (Liftoff only), on a busy machine. It is set only where PGlite runs (the
 * embedded mode); it also applies to the process's other WebAssembly (undici's HTTP parser).
 * Node 24 ignores the flag set at run time (V8 freezes its flags once initialised): the
 * embedded second start there held 610 to 714 MB at ready and took 3.3 s, against 226 MB and
 * 2.2 s with `--liftoff-only` on the command line. So `npm start` and the image's embedded
 * default pass it on the command line too; this call covers Node 20 and the tests.
 */
const useBaselineWasmCompilerOnly = () => setFlagsFromString('--liftoff-only');

const assertSchema = (name: string): string => {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return name;
};

/** The port's query over PGlite's (the instance's, or a transaction's). */
const rowsOf =
  (q: Pick<PGlite, 'query'>): Queryable['query'] =>
  async (sql, params) => ({ rows: (await q.query(sql, params as unknown[] | undefined)).rows as never[] });

/** One PGlite instance holding a schema per service, as the distributed mode's one PostgreSQL database does. */
export interface PgliteSchemas {
  /** A store of its own for one service: its tables live in schema `name`, created on first use. */
  schema(name: string): Promise<Database>;
  /** Closes the instance (every schema's `close` does too, once all of them closed). */
  close(): Promise<void>;
  /** The whole data directory as a tarball, which `loadDataDir` starts another instance from. */
  dumpDataDir(): Promise<Blob>;
}

/**
 * The embedded adapter: one PGlite (PostgreSQL compiled to WebAssembly) persisted under
 * `dataDir`, or in memory when `dataDir` is undefined (tests), shared by every service in the
 * process, each in its own schema. Each service still owns its schema and its data, and runs the
 * same SQL as on PostgreSQL, where its pool's `search_path` names its schema; here the one
 * connection switches `search_path` before a service's statement or transaction when the last
 * one was another service's. One instance rather than one per service because each costs its
 * WebAssembly memory and a start of its own. PGlite has one connection, so transactions are
 * serialised; it does not fsync (survives a process crash, not a power loss).
 */
export const openPgliteSchemas = async (dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteSchemas> => {
  useBaselineWasmCompilerOnly();
  const create = (dir: string) =>
    PGlite.create(dir, { parsers: { [types.INT8]: Number }, startParams: [...PGLITE_START_PARAMS], ...options });
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    if (!options.loadDataDir) await seedFromClusterTemplate(dataDir, async (dir) => (await create(dir)).close());
  }
  const db = await create(dataDir ?? 'memory://');
  let current = 'public';
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `work` alone on the connection with `schema` first on the search path. */
  const exclusive = <T>(schema: string, work: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      if (current !== schema) {
        await db.exec(`SET search_path TO ${schema}`);
        current = schema;
      }
      return work();
    });
    queue = run.catch(() => undefined);
    return run;
  };
  let open = 0;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= db.close());
  return {
    async schema(name) {
      const schema = assertSchema(name);
      await exclusive('public', () => db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
      open += 1;
      let closed = false;
      return {
        kind: 'pglite',
        query: (sql, params) => exclusive(schema, () => rowsOf(db)(sql, params)),
        transaction: (work) => exclusive(schema, () => db.transaction((tx) => work({ query: rowsOf(tx) }))),
        async close() {
          if (closed) return;
          closed = true;
          open -= 1;
          if (open === 0) await close();
        },
      };
    },
    close,
    dumpDataDir: () => exclusive('public', () => db.dumpDataDir('none')),
  };
};
