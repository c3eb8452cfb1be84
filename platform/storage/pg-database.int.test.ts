import { randomBytes } from 'node:crypto';
import test from 'ava';
import { eventually } from '../testing/eventually.ts';
import { freshPostgres, terminateBackends } from '../testing/postgres.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

const ownName = () => `vod-test-${randomBytes(4).toString('hex')}`;

test('a backend terminated under a transaction fails that transaction with StoreUnavailableError, and the next one runs on a fresh connection', async (t) => {
  const name = ownName();
  const db = await freshPostgres(t, { max: 2, applicationName: name });
  if (!db) return;
  await db.query('CREATE TABLE notes (id int PRIMARY KEY)');
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const running = db.transaction(async (tx) => {
    await tx.query('INSERT INTO notes VALUES (1)');
    entered();
    await tx.query('SELECT pg_sleep(30)');
  });
  await inside;
  const terminated = await eventually(() => terminateBackends(name), { timeoutMs: 30_000, description: 'our backends terminated' });
  const error = await t.throwsAsync(running);
  t.true(error instanceof StoreUnavailableError, String(error));
  t.true(terminated >= 1);
  // The broken client was destroyed, not pooled: every statement from now on succeeds.
  for (let i = 0; i < 6; i += 1) await db.transaction((tx) => tx.query('INSERT INTO notes VALUES ($1)', [10 + i]));
  const { rows } = await db.query<{ id: number }>('SELECT id FROM notes ORDER BY id');
  t.deepEqual(
    rows.map((r) => r.id),
    [10, 11, 12, 13, 14, 15],
    'the cut transaction left nothing behind',
  );
});

test('a backend terminated under a plain query rejects it with StoreUnavailableError; idle connections terminated too are replaced', async (t) => {
  const name = ownName();
  const db = await freshPostgres(t, { max: 3, applicationName: name });
  if (!db) return;
  const sleeping = db.query('SELECT pg_sleep(30)');
  await eventually(async () => (await terminateBackends(name)) > 0, { timeoutMs: 30_000, description: 'the sleeping backend terminated' });
  t.true((await t.throwsAsync(sleeping)) instanceof StoreUnavailableError);
  const { rows } = await db.query<{ one: number }>('SELECT 1 AS one');
  t.is(rows[0]?.one, 1);
});

test('statement errors stay what they are: a constraint violation is not a lost connection', async (t) => {
  const db = await freshPostgres(t, { applicationName: ownName() });
  if (!db) return;
  await db.query('CREATE TABLE notes (id int PRIMARY KEY)');
  await db.query('INSERT INTO notes VALUES (1)');
  const error = await t.throwsAsync(db.transaction((tx) => tx.query('INSERT INTO notes VALUES (1)')));
  t.false(error instanceof StoreUnavailableError);
  t.is((error as unknown as { code: string }).code, '23505');
});
