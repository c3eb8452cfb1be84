import test from 'ava';
import { halResource, templated } from './hal.ts';

test('a resource renders self first, then its facts, then other relations skipping undefined ones', (t) => {
  const resource = halResource({ title: 'Downton Abbey' }, '/catalogue/programmes/1', {
    episodes: '/catalogue/programmes/1/episodes',
    prev: undefined,
  });
  t.deepEqual(JSON.parse(JSON.stringify(resource)), {
    _links: { self: { href: '/catalogue/programmes/1' }, episodes: { href: '/catalogue/programmes/1/episodes' } },
    title: 'Downton Abbey',
  });
  t.deepEqual(Object.keys(resource), ['_links', 'title']);
});

test('one link is an object, several an array of plain links with no rel member, none is left out', (t) => {
  const resource = halResource({}, '/x', {
    one: [{ href: '/a', title: 'A' }],
    many: [{ href: '/a' }, { href: '/b', name: 'b' }],
    none: [],
    search: templated('/x{?q}', 'Search'),
  });
  t.deepEqual(resource._links, {
    self: { href: '/x' },
    one: { href: '/a', title: 'A' },
    many: [{ href: '/a' }, { href: '/b', name: 'b' }],
    search: { href: '/x{?q}', templated: true, title: 'Search' },
  });
});

test('already rendered resources embed as they are, and an empty embedding is left out', (t) => {
  const item = halResource({ id: '1' }, '/items/1');
  const list = halResource({ total: 1 }, '/items', {}, { items: [item] });
  t.deepEqual(list._embedded, { items: [item] });
  t.false('_embedded' in halResource({ total: 0 }, '/items', {}, {}));
});
