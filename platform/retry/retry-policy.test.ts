import test from 'ava';
import { backoffDelay, EVENT_HANDLER_RETRY, IN_LINE_EVENT_HANDLER_RETRY, retryStall } from './retry-policy.ts';

test('the delay doubles from the base with each failure and stops at the cap', (t) => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
  t.deepEqual(
    [1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(policy, failures)),
    [100, 200, 400, 800, 1_000, 1_000],
  );
});

test('jitter spreads a delay over its upper half', (t) => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000, jitter: true };
  t.is(
    backoffDelay(policy, 3, () => 0),
    200,
  );
  t.is(
    backoffDelay(policy, 3, () => 1),
    400,
  );
});

test('both buses make the same attempts; in line, one failing event stalls a consumer 0.3 s instead of 15 s', (t) => {
  t.is(IN_LINE_EVENT_HANDLER_RETRY.maxAttempts, EVENT_HANDLER_RETRY.maxAttempts);
  t.is(retryStall(EVENT_HANDLER_RETRY), 15_000);
  t.is(retryStall(IN_LINE_EVENT_HANDLER_RETRY), 300);
});
