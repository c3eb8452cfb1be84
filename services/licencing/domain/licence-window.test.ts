import test from 'ava';
import fc from 'fast-check';
import { LicencingError } from './licencing-error.ts';
import { parseInstant, parseWindow } from './licence-window.ts';

const EARLIEST = Date.UTC(1900, 0, 2);
const LATEST = Date.UTC(2999, 11, 30);
const instants = fc.integer({ min: EARLIEST / 1000, max: LATEST / 1000 }).map((s) => s * 1000);
const offsets = fc.integer({ min: -14 * 60, max: 14 * 60 });

/** The same instant written as local time at `offsetMinutes`, e.g. `2013-01-04T20:30:00+01:00`. */
const atOffset = (instant: number, offsetMinutes: number) => {
  const local = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};
const utc = (instant: number) => new Date(instant).toISOString().replace('.000Z', 'Z');

const refused = (raw: string, code = 'invalid-date') => {
  try {
    parseInstant(raw, 'startDate');
    return false;
  } catch (error) {
    return error instanceof LicencingError && error.code === code;
  }
};

test('given an instant written at any offset, when parsed, then it is that instant in UTC to the second', (t) => {
  fc.assert(fc.property(instants, offsets, (instant, offset) => parseInstant(atOffset(instant, offset), 'startDate') === utc(instant)));
  t.is(parseInstant('2013-01-04T20:30:00+01:00', 'startDate'), '2013-01-04T19:30:00Z');
  t.is(parseInstant('2013-01-04T19:30Z', 'startDate'), '2013-01-04T19:30:00Z');
  t.is(parseInstant('2013-01-04T19:30:00.000Z', 'startDate'), '2013-01-04T19:30:00Z');
});

test('given a normalised instant, when parsed again, then it is unchanged', (t) => {
  fc.assert(fc.property(instants, (instant) => parseInstant(utc(instant), 'endDate') === utc(instant)));
  t.pass();
});

test('given a date without a zone, a fraction of a second or an impossible calendar field, then it is refused', (t) => {
  for (const raw of [
    '2013-01-04T19:30:00',
    '2013-01-04',
    '2013-01-04 19:30:00Z',
    '2013-01-04T19:30:00.5Z',
    '2013-02-29T00:00:00Z',
    '2013-04-31T00:00:00Z',
    '2013-13-01T00:00:00Z',
    '2013-01-04T24:00:00Z',
    '2013-01-04T19:60:00Z',
    '2013-01-04T19:30:60Z',
    '2013-01-04T19:30:00+24:00',
    '2013-01-04T19:30:00+0100',
    '1899-12-31T23:59:59Z',
    '3000-01-01T00:00:00Z',
    'tomorrow',
    '',
  ]) {
    t.true(refused(raw), raw);
  }
  t.is(parseInstant('2012-02-29T00:00:00Z', 'startDate'), '2012-02-29T00:00:00Z');
});

test('given any two instants, when a window is asked for, then it is accepted exactly when the end is after the start', (t) => {
  fc.assert(
    fc.property(instants, instants, offsets, offsets, (start, end, so, eo) => {
      const attempt = () => parseWindow(atOffset(start, so), atOffset(end, eo));
      if (end > start) {
        const window = attempt();
        return window.startDate === utc(start) && window.endDate === utc(end) && window.startDate < window.endDate;
      }
      try {
        attempt();
        return false;
      } catch (error) {
        return error instanceof LicencingError && error.code === 'invalid-window';
      }
    }),
  );
  t.pass();
});
