import test from 'ava';
import { HttpProblem } from '#platform/http/problem';
import { negotiate } from './negotiate.ts';
import { supportedMediaTypes } from './media-types.ts';

const V1 = 'application/vnd.itv.ctv.production.v1+hal+json';
const V1P = 'application/vnd.itv.ctv.production+hal+json;version=1';
const V2 = 'application/vnd.itv.ctv.production.v2+hal+json';

test('both spellings of version 1 select it and are answered in the spelling asked for', (t) => {
  t.deepEqual(negotiate(V1), { kind: 'json', version: 1, contentType: V1 });
  t.deepEqual(negotiate('application/vnd.itv.ctv.production+hal+json; version="1"'), { kind: 'json', version: 1, contentType: V1P });
});

test('q-values decide between versions and q=0 excludes one', (t) => {
  t.like(negotiate(`${V1};q=0.5, ${V2};q=0.9`), { version: 2 });
  t.like(negotiate(`${V2};q=0.2, ${V1P}`), { version: 1 });
  t.like(negotiate(`${V2};q=0, ${V1};q=0.1`), { version: 1 });
  t.like(negotiate(`${V1}, ${V2}`), { version: 1 });
});

test('a browser gets HTML, and a versioned type beats HTML when it has a higher q', (t) => {
  t.is(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').kind, 'html');
  t.like(negotiate(`text/html;q=0.5, ${V2}`), { kind: 'json', version: 2 });
});

for (const accept of [
  undefined,
  '*/*',
  'application/json',
  'application/hal+json',
  'application/*',
  'application/vnd.itv.ctv.production+hal+json',
  'application/vnd.itv.ctv.production.v3+hal+json',
  `${V1};q=0`,
  'garbage',
]) {
  test(`no version (${accept ?? 'no Accept'}) is a 406 listing every supported media type`, (t) => {
    const error = t.throws(() => negotiate(accept), { instanceOf: HttpProblem }) as HttpProblem;
    t.is(error.status, 406);
    t.regex(error.detail ?? '', /No version\? No JSON!/);
    t.deepEqual(error.extensions.supported, supportedMediaTypes());
  });
}
