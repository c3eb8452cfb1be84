import test from 'ava';
import { inTurn, inTurns, nextSliceSize } from './loop-turns.ts';

test('background work runs one piece per turn of the event loop, after what was queued before it', async (t) => {
  const trace: string[] = [];
  setImmediate(() => trace.push('io'));
  await Promise.all([inTurn(() => trace.push('a')), inTurn(() => trace.push('b'))]);
  t.deepEqual(trace, ['io', 'a', 'b']);
});

test('inTurns calls its step until it says it is done, yielding the loop between turns', async (t) => {
  let steps = 0;
  let ticks = 0;
  let done = false;
  const tick = () => {
    ticks += 1;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  // Each step holds the loop for 0.2 ms, so a 1 ms turn takes a handful of them.
  await inTurns(() => {
    const until = performance.now() + 0.2;
    while (performance.now() < until);
    steps += 1;
    return steps < 50;
  }, 1);
  done = true;
  t.is(steps, 50);
  t.true(ticks > 1, `the loop turned ${ticks} times`);
});

test('a slice is fitted to the budget: scaled down when it held the loop too long, doubled when well under, within 1 and the maximum', (t) => {
  t.is(nextSliceSize(50, 5, 50, 1), 10);
  t.is(nextSliceSize(10, 0.2, 50, 1), 20);
  t.is(nextSliceSize(40, 0.1, 50, 1), 50);
  t.is(nextSliceSize(10, 0.8, 50, 1), 10);
  t.is(nextSliceSize(3, 100, 50, 1), 1);
});
