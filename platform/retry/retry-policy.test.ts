import test from 'ava';
import { backoffDelay } from './retry-policy.ts';

test('the delay doubles from the base with each failure and stops at the cap', (t) => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
  t.deepEqual([1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(policy, failures)), [100, 200, 400, 800, 1_000, 1_000]);
});

test('jitter spreads a delay over its upper half', (t) => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000, jitter: true };
  t.is(backoffDelay(policy, 3, () => 0), 200);
  t.is(backoffDelay(policy, 3, () => 1), 400);
});
