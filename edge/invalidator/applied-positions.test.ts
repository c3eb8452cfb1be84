import test from 'ava';
import { eventually } from '#platform/testing/eventually';
import { createAppliedWatch } from './applied-positions.ts';

test('waiters resolve once their source reaches their position, sharing one poll', async (t) => {
  let positions: Record<string, number> = { licencing: 3 };
  let reads = 0;
  const watch = createAppliedWatch(async () => {
    reads += 1;
    return positions;
  }, 5);
  t.teardown(() => watch.stop());
  const early = watch.wait('licencing', 3, 5_000);
  const later = watch.wait('licencing', 5, 5_000);
  t.true(await early);
  positions = { licencing: 5 };
  t.true(await later);
  const readsSoFar = reads;
  t.true(await watch.wait('licencing', 4, 5_000), 'a position already seen needs no read');
  t.is(reads, readsSoFar);
});

test('a waiter whose source never gets there, or whose status cannot be read, gets false at its deadline', async (t) => {
  const watch = createAppliedWatch(async () => {
    throw new Error('availability is down');
  }, 5);
  t.teardown(() => watch.stop());
  t.false(await watch.wait('guidance', 1, 50));
});

test('the watch tells availability what it knows and how long to wait, so the answer comes when a position moves', async (t) => {
  const asked: { known: Record<string, number>; waitMs: number }[] = [];
  let release!: () => void;
  const watch = createAppliedWatch(
    async (known = {}, waitMs = 0) => {
      asked.push({ known: { ...known }, waitMs });
      if (asked.length === 1) return { licencing: 3 };
      await new Promise<void>((resolve) => (release = resolve));
      return { licencing: 4 };
    },
    5,
    1_000,
  );
  t.teardown(() => watch.stop());
  const waiting = watch.wait('licencing', 4, 5_000);
  await eventually(() => asked.length === 2, { timeoutMs: 10_000, intervalMs: 5, description: 'the long poll' });
  t.deepEqual(asked[1], { known: { licencing: 3 }, waitMs: 1_000 });
  release();
  t.true(await waiting);
});
