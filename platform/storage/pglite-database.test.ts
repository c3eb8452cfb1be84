import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { openPgliteSchemas } from './pglite-database.ts';

/**
 * An instance in a folder of its own, as the embedded mode opens one: seeded from the cluster
 * template (about 1 s) rather than an in-memory initdb (5 to 15 s of CPU per test here).
 */
const openInFolder = async (t: ExecutionContext) => {
  const dir = await mkdtemp(join(tmpdir(), 'vod-pglite-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return openPgliteSchemas(join(dir, 'pglite'));
};

test('one PGlite holds each service in its own schema: same table names, separate rows', async (t) => {
  const pglite = await openInFolder(t);
  const a = await pglite.schema('alpha');
  const b = await pglite.schema('beta');
  try {
    for (const db of [a, b]) await db.query(/* sql */ `CREATE TABLE things (name text PRIMARY KEY)`);
    await Promise.all([
      a.transaction(async (tx) => {
        await tx.query(/* sql */ `INSERT INTO things VALUES ('from alpha')`);
        t.deepEqual((await tx.query(/* sql */ `SELECT current_schema() AS s`)).rows, [{ s: 'alpha' }]);
      }),
      b.query(/* sql */ `INSERT INTO things VALUES ('from beta')`),
      a.query(/* sql */ `INSERT INTO things VALUES ('alpha again')`),
    ]);
    t.deepEqual((await a.query(/* sql */ `SELECT name FROM things ORDER BY name`)).rows, [{ name: 'alpha again' }, { name: 'from alpha' }]);
    t.deepEqual((await b.query(/* sql */ `SELECT name FROM things`)).rows, [{ name: 'from beta' }]);
  } finally {
    await a.close();
    await b.close();
  }
});

test('a failed transaction in one schema leaves the next statement of another in its own schema', async (t) => {
  const pglite = await openInFolder(t);
  const a = await pglite.schema('alpha');
  const b = await pglite.schema('beta');
  try {
    await a.query(/* sql */ `CREATE TABLE only_in_alpha (n int)`);
    await t.throwsAsync(
      a.transaction(async (tx) => {
        await tx.query(/* sql */ `INSERT INTO only_in_alpha VALUES (1)`);
        throw new Error('rolled back');
      }),
    );
    await t.throwsAsync(b.query(/* sql */ `SELECT * FROM only_in_alpha`), { message: /does not exist/ });
    t.deepEqual((await a.query(/* sql */ `SELECT count(*)::int AS n FROM only_in_alpha`)).rows, [{ n: 0 }]);
  } finally {
    await pglite.close();
  }
});

test('PGlite runs with small shared buffers, so each instance stays small in memory', async (t) => {
  const pglite = await openInFolder(t);
  const db = await pglite.schema('alpha');
  try {
    t.deepEqual((await db.query(/* sql */ `SHOW shared_buffers`)).rows, [{ shared_buffers: '8MB' }]);
  } finally {
    await db.close();
  }
});

test('schema names are checked before they reach SQL', async (t) => {
  const pglite = await openInFolder(t);
  try {
    await t.throwsAsync(pglite.schema('x; DROP TABLE y'), { message: /invalid schema name/ });
  } finally {
    await pglite.close();
  }
});
