import test from 'ava';
import { sharedInstant } from './shared-instant.ts';

test('the same ISO instant gives the same Date, and different ones their own value', (t) => {
  const a = sharedInstant('2026-03-01T00:00:00Z');
  t.is(sharedInstant('2026-03-01T00:00:00Z'), a);
  t.is(a.toISOString(), '2026-03-01T00:00:00.000Z');
  t.is(sharedInstant('2026-03-01T00:00:00.001Z').getTime(), a.getTime() + 1);
});

test('past its bound it forgets the oldest instants but still parses every one correctly', (t) => {
  const base = Date.parse('2030-01-01T00:00:00Z');
  const iso = (i: number) => new Date(base + i * 1000).toISOString();
  const first = sharedInstant(iso(0));
  for (let i = 1; i <= 5000; i += 1) t.is(sharedInstant(iso(i)).getTime(), base + i * 1000);
  const again = sharedInstant(iso(0));
  t.not(again, first);
  t.is(again.getTime(), base);
});
