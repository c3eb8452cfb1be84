import test from 'ava';
import { publicCacheControl } from './shared-caching.ts';

test('a public read is kept for seconds by clients and for minutes, stale allowances included, by the edge', (t) => {
  t.is(publicCacheControl(10), 'public, max-age=10, s-maxage=600, stale-while-revalidate=30, stale-if-error=3600');
});

test('no cache may keep an answer past its next window edge, fresh or stale', (t) => {
  t.is(publicCacheControl(30, 20.9), 'public, max-age=20, s-maxage=20, stale-while-revalidate=0, stale-if-error=0');
  t.is(publicCacheControl(30, 610), 'public, max-age=30, s-maxage=600, stale-while-revalidate=10, stale-if-error=10');
  t.is(publicCacheControl(30, -5), 'public, max-age=0, s-maxage=0, stale-while-revalidate=0, stale-if-error=0');
});
