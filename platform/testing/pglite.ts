import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../storage/database.ts';
import { type Migration, migrate } from '../storage/migrate.ts';
import { openPgliteSchemas, type PgliteSchemas } from '../storage/pglite-database.ts';

/** The freshly initialised cluster, kept per PGlite build in the temporary folder. */
const templateFile = async () => {
  const wasm = await stat(new URL('pglite.wasm', import.meta.resolve('@electric-sql/pglite')));
  return join(tmpdir(), `vod-pglite-template-${wasm.size}-${Math.trunc(wasm.mtimeMs)}.tar`);
};

/**
 * Starts an in-memory PGlite from the template when there is one, else by initdb, and then
 * keeps a dump as the template (written aside and renamed, so parallel test files never read
 * half a file). initdb is most of PGlite's start-up: 10 to 19 s against 3 s from the template
 * when the machine was busy (load 20).
 */
const startFromTemplate = async (): Promise<PgliteSchemas> => {
  const file = await templateFile();
  const template = await readFile(file).catch(() => undefined);
  if (template) {
    const started = await openPgliteSchemas(undefined, { loadDataDir: new Blob([template]) }).catch(() => undefined);
    if (started) return started;
    await rm(file, { force: true });
  }
  const db = await openPgliteSchemas();
  const aside = `${file}.${process.pid}`;
  await writeFile(aside, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
  await rename(aside, file);
  return db;
};

let shared: Promise<PgliteSchemas> | undefined;
let schemas = 0;
let open = 0;

/**
 * A fresh, migrated schema on this test file's one PGlite instance. Starting PGlite took 3 to
 * 19 s per instance here, a schema and its migrations a few milliseconds, so a test file pays
 * the start-up once, not once per test. The instance closes with the last schema open on it
 * (an open PGlite keeps the test worker from exiting); a later test starts another.
 */
export const freshPglite = async (migrations: readonly Migration[] = []): Promise<Database> => {
  open += 1;
  const db = await (await (shared ??= startFromTemplate())).schema(`t_${++schemas}`);
  await migrate(db, migrations);
  return {
    ...db,
    close: async () => {
      open -= 1;
      if (open === 0) shared = undefined;
      await db.close();
    },
  };
};
