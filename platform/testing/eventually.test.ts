import test from 'ava';
import { eventually } from './eventually.ts';

test('eventually returns the first truthy value the check gives', async (t) => {
  let calls = 0;
  t.is(await eventually(() => (++calls >= 3 ? 'done' : false), { intervalMs: 1 }), 'done');
  t.is(calls, 3);
});

test('eventually throws past its deadline with what the check last said', async (t) => {
  await t.throwsAsync(
    eventually(
      () => {
        throw new Error('not yet');
      },
      { timeoutMs: 20, intervalMs: 5, description: 'the thing' },
    ),
    { message: /^the thing not met within 20 ms \(last: not yet\)$/ },
  );
});

test('an aborted signal ends the wait at once, even in the middle of a long interval', async (t) => {
  const polling = new AbortController();
  let calls = 0;
  const waiting = eventually(() => ((calls += 1), false), { intervalMs: 3_600_000, timeoutMs: 7_200_000, signal: polling.signal });
  await eventually(() => calls === 1);
  polling.abort(new Error('the race was lost'));
  // Without the signal reaching the sleep this would wait an hour, and ava's timeout would fail it.
  await t.throwsAsync(waiting, { message: 'the race was lost' });
  t.is(calls, 1);
});
