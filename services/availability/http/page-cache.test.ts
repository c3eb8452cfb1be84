import test from 'ava';
import { createPageCache, type CachedPage } from './page-cache.ts';

const page = (over: Partial<CachedPage> = {}): CachedPage => ({
  body: Buffer.from('{}'), etag: '"x"', nextBoundary: new Date(10_000), fixedInstant: false, changes: 1, storedAt: 1_000, keys: [], ...over,
});

test('a cached answer is reused while nothing changed, no edge passed and it is young', (t) => {
  const cache = createPageCache({ maxAgeMs: 1000 });
  cache.set('platform=ios', page());
  t.is(cache.get('platform=ios', 1_500, 1)?.etag, '"x"');
});

test('a write, a passed window edge, age or a clock moved back each end a cached answer', (t) => {
  const cache = createPageCache({ maxAgeMs: 20_000 });
  const ended = (now: number, changes: number, over: Partial<CachedPage> = {}) => {
    cache.set('k', page(over));
    return cache.get('k', now, changes) === undefined;
  };
  t.true(ended(1_500, 2));
  t.true(ended(10_000, 1));
  t.false(ended(10_000, 1, { fixedInstant: true }));
  t.true(ended(21_000, 1, { nextBoundary: null }));
  t.true(ended(999, 1));
});

test('a cache with no maximum age keeps nothing, and a full one drops its oldest answer', (t) => {
  const off = createPageCache({ maxAgeMs: 0 });
  off.set('k', page());
  t.is(off.get('k', 1_000, 1), undefined);
  const small = createPageCache({ maxAgeMs: 1000, maxEntries: 2 });
  ['a', 'b', 'c'].forEach((key) => small.set(key, page()));
  t.deepEqual(['a', 'b', 'c'].map((key) => small.get(key, 1_000, 1) !== undefined), [false, true, true]);
});
