import test from 'ava';
import fc from 'fast-check';
import { parseInstant, zInstant } from './instant.ts';

const problem = (raw: string) => {
  const parsed = parseInstant(raw, 'at');
  return parsed.ok ? 'accepted' : parsed.problem;
};

test('given a year from 0000 to 0099, when parsed, then it is out of range and never read as 19xx', (t) => {
  for (const raw of [
    '0000-01-01T00:00:00Z',
    '0026-12-01T00:00:00Z',
    '0099-12-31T23:59:59Z',
    '0100-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
  ]) {
    t.is(problem(raw), 'out-of-range', raw);
  }
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1899 }),
      (year) => problem(`${String(year).padStart(4, '0')}-06-15T12:00:00Z`) === 'out-of-range',
    ),
  );
});

test('given the edges of the range, when parsed, then the first instant is in and the end is out, whatever the offset', (t) => {
  t.is(problem('1900-01-01T00:00:00Z'), 'accepted');
  t.is(problem('1900-01-01T00:30:00+01:00'), 'out-of-range');
  t.is(problem('2999-12-31T23:59:59Z'), 'accepted');
  t.is(problem('3000-01-01T00:00:00Z'), 'out-of-range');
  t.is(problem('2999-12-31T23:30:00-01:00'), 'out-of-range');
  t.is(problem('9999-12-31T23:59:59Z'), 'out-of-range');
});

test('given a fraction, a missing zone or an impossible field, when parsed, then it is malformed', (t) => {
  for (const raw of [
    '2013-01-04T19:30:00.5Z',
    '2013-01-04T19:30:00.001Z',
    '2013-01-04T19:30:00',
    '2013-02-29T00:00:00Z',
    '2013-01-04T24:00:00Z',
    '2013-01-04T19:30:00+0100',
    '+002013-01-04T19:30:00Z',
    'now',
    '',
  ]) {
    t.is(problem(raw), 'malformed', raw);
  }
  t.is(problem('2013-01-04T19:30:00.000000Z'), 'accepted');
});

test('given an instant at an offset, when parsed, then it is written once, in UTC to the second', (t) => {
  const parsed = parseInstant('2013-01-04T20:30+01:00', 'startDate');
  t.true(parsed.ok && parsed.iso === '2013-01-04T19:30:00Z' && parsed.date.getTime() === Date.UTC(2013, 0, 4, 19, 30));
  t.is(zInstant.parse('2013-01-04T19:30:00.000Z'), '2013-01-04T19:30:00Z');
  t.false(zInstant.safeParse('0026-12-01T00:00:00Z').success);
});
