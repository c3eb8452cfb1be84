import test from 'ava';
import { emptyEpisode } from '../domain/episode-projection.ts';
import { createPageCache, type CachedPage, type PageScope } from './page-cache.ts';

const page = (over: Partial<CachedPage> = {}): CachedPage => ({
  body: Buffer.from('{}'),
  etag: '"x"',
  nextBoundary: new Date(10_000),
  fixedInstant: false,
  changes: 1,
  storedAt: 1_000,
  keys: [],
  scope: { platform: 'ios' },
  ...over,
});

test('a cached answer is reused while nothing changed, no edge passed and it is young', (t) => {
  const cache = createPageCache({ maxAgeMs: 1000 });
  cache.set('platform=ios', page(), 1);
  t.is(cache.get('platform=ios', 1_500)?.etag, '"x"');
});

test('a write during its computation, a passed window edge, age or a clock moved back each end a cached answer', (t) => {
  const cache = createPageCache({ maxAgeMs: 20_000 });
  const ended = (now: number, changes: number, over: Partial<CachedPage> = {}) => {
    cache.set('k', page(over), changes);
    return cache.get('k', now) === undefined;
  };
  t.true(ended(1_500, 2));
  t.false(ended(1_500, 1));
  t.true(ended(10_000, 1));
  t.false(ended(10_000, 1, { fixedInstant: true }));
  t.true(ended(21_000, 1, { nextBoundary: null }));
  t.true(ended(999, 1));
});

test('a write ends only the answers whose scope its document touches, before or after it', (t) => {
  const cache = createPageCache({ maxAgeMs: 20_000 });
  const scopes: Record<string, PageScope> = {
    ios: { platform: 'ios' },
    web: { platform: 'web' },
    iosItv: { platform: 'ios', channel: 'itv' },
    iosC4: { platform: 'ios', channel: 'c4' },
    iosDown: { platform: 'ios', prefix: 'down' },
    iosVera: { platform: 'ios', prefix: 'vera' },
  };
  for (const [key, scope] of Object.entries(scopes)) cache.set(key, page({ scope }), 1);
  const doc = {
    ...emptyEpisode(1),
    published: true,
    channelKey: 'itv',
    words: ['downton', 'abbey'],
    licences: [{ licenceId: 'l', version: 1, platform: 'ios', start: new Date(0), end: new Date(1), active: true }],
  };
  cache.invalidate([doc]);
  t.deepEqual(
    Object.keys(scopes).filter((key) => cache.get(key, 1_500) !== undefined),
    ['web', 'iosC4', 'iosVera'],
  );
  cache.invalidate([
    { ...doc, published: false },
    { ...doc, licences: [] },
  ]);
  t.is(cache.size, 3, 'a document in no answer before or after changes none');
  cache.clear();
  t.is(cache.size, 0);
});

test('a cache with no maximum age keeps nothing, and a full one drops its oldest answer', (t) => {
  const off = createPageCache({ maxAgeMs: 0 });
  off.set('k', page(), 1);
  t.is(off.get('k', 1_000), undefined);
  const small = createPageCache({ maxAgeMs: 1000, maxEntries: 2 });
  ['a', 'b', 'c'].forEach((key) => small.set(key, page(), 1));
  t.deepEqual(
    ['a', 'b', 'c'].map((key) => small.get(key, 1_000) !== undefined),
    [false, true, true],
  );
});
