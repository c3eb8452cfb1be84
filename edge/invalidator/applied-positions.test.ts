import test from 'ava';
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
