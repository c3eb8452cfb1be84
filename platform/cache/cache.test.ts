import test from 'ava';
import { createCache } from './cache.ts';

test('when full, the least recently used entry leaves, not the whole cache', (t) => {
  const cache = createCache<string>({ max: 2 });
  cache.set('a', 'A');
  cache.set('b', 'B');
  t.is(cache.get('a'), 'A');
  cache.set('c', 'C');
  t.deepEqual([cache.get('a'), cache.get('b'), cache.get('c')], ['A', undefined, 'C']);
  t.is(cache.size, 2);
});

test('an entry is gone once its own time to live, or the default one, has passed', async (t) => {
  const cache = createCache<string>({ max: 10, ttlMs: 60_000 });
  cache.set('short', 'S', 1);
  cache.set('long', 'L');
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.is(cache.get('short'), undefined);
  t.is(cache.get('long'), 'L');
});

test('values are held by reference, and reading the entries does not make them recent', (t) => {
  const cache = createCache<{ n: number }>({ max: 2 });
  const value = { n: 1 };
  cache.set('a', value);
  cache.set('b', { n: 2 });
  t.is(cache.get('a'), value);
  t.deepEqual(
    [...cache.entries()].map(([key]) => key),
    ['a', 'b'],
  );
  cache.delete('a');
  cache.set('c', { n: 3 });
  cache.clear();
  t.is(cache.size, 0);
});
