import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { seedFromClusterTemplate } from './pglite-cluster-template.ts';
import { openPgliteSchemas } from './pglite-database.ts';

const folder = async (t: import('ava').ExecutionContext) => {
  const dir = await mkdtemp(join(tmpdir(), 'vod-seed-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

test('an empty data directory gets a copy of the template, initialised once, and PGlite opens it with nothing in it', async (t) => {
  const root = await folder(t);
  const template = join(root, 'template');
  const initialised: string[] = [];
  const initialise = async (dir: string) => {
    initialised.push(dir);
    await (await openPgliteSchemas(dir)).close();
  };
  t.true(await seedFromClusterTemplate(join(root, 'a'), initialise, async () => template));
  t.true(await seedFromClusterTemplate(join(root, 'b'), initialise, async () => template));
  t.is(initialised.length, 1, 'initdb ran once, for the template');
  t.not(initialised[0], template, 'in a folder of its own, renamed into place');
  t.false(existsSync(initialised[0]!), 'and that folder is gone');
  for (const name of ['a', 'b']) t.true(existsSync(join(root, name, 'PG_VERSION')), name);

  const a = await openPgliteSchemas(join(root, 'a'));
  const store = await a.schema('things');
  await store.query('CREATE TABLE thing (id int)');
  await store.query('INSERT INTO thing VALUES (1)');
  await a.close();
  const b = await openPgliteSchemas(join(root, 'b'));
  const tables = await (
    await b.schema('things')
  ).query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'things'`);
  await b.close();
  t.is(tables.rows[0]!.n, 0, 'each copy is its own cluster: what one holds, the other does not');
});

test('a data directory holding anything is left as it is', async (t) => {
  const root = await folder(t);
  const dataDir = join(root, 'data');
  await mkdir(dataDir);
  await writeFile(join(dataDir, 'mine'), 'x');
  t.false(
    await seedFromClusterTemplate(
      dataDir,
      () => t.fail('no initdb') as never,
      async () => join(root, 'template'),
    ),
  );
  t.deepEqual(await readdir(dataDir), ['mine']);
});

test('when the template cannot be made, the data directory is left empty for initdb in place', async (t) => {
  const root = await folder(t);
  const dataDir = join(root, 'data');
  const failing = async () => {
    throw new Error('read-only node_modules');
  };
  t.false(await seedFromClusterTemplate(dataDir, failing, async () => join(root, 'template')));
  t.deepEqual(await readdir(dataDir), []);
  t.false(existsSync(join(root, 'template')));
});
