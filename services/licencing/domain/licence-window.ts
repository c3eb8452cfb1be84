import { LicencingError } from './licencing-error.ts';

/** A half-open licence window [startDate, endDate), both instants normalised to UTC seconds. */
export interface LicenceWindow {
  readonly startDate: string;
  readonly endDate: string;
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(3000, 0, 1);

const invalid = (field: string, raw: string) =>
  new LicencingError('invalid-date', `${field} "${raw.slice(0, 40)}" is not an ISO 8601 instant with a zone, such as 2013-01-04T19:30:00Z or 2013-01-04T20:30:00+01:00.`);

/** Renders an instant as the form licences are stored and shown in: `YYYY-MM-DDTHH:mm:ssZ`. */
export const formatInstant = (instant: Date): string => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Parses an ISO 8601 instant that names its zone (`Z` or `±hh:mm`) and normalises it to UTC.
 * A local time without a zone is refused: a window's meaning must not depend on a server's
 * zone. Fractions of a second are refused unless zero, because licences are contractual to the
 * second and a silently dropped fraction could change which instant a window opens. Calendar
 * fields are checked (no 31 April), and instants outside 1900–2999 are taken for typos.
 */
export const parseInstant = (raw: string, field: string): string => {
  const match = ISO_WITH_ZONE.exec(raw);
  if (!match) throw invalid(field, raw);
  const [, y, mo, d, h, mi, s = '00', fraction = '0', zone, zh = '00', zm = '00'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const fieldsHold = new Date(local).getUTCDate() === day && new Date(local).getUTCMonth() === month - 1 && hour < 24 && minute < 60 && second < 60;
  if (!fieldsHold || Number(fraction) !== 0 || Number(zh) > 23 || Number(zm) > 59) throw invalid(field, raw);
  const offsetMinutes = zone === 'Z' ? 0 : (zone!.startsWith('-') ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  const instant = local - offsetMinutes * 60_000;
  if (instant < EARLIEST || instant >= LATEST) throw new LicencingError('invalid-date', `${field} must lie between the years 1900 and 2999.`);
  return formatInstant(new Date(instant));
};

/**
 * Validates a requested window: both instants well formed, and the end strictly after the
 * start (a half-open window that ends where it starts would never be open).
 */
export const parseWindow = (startDate: string, endDate: string): LicenceWindow => {
  const window = { startDate: parseInstant(startDate, 'startDate'), endDate: parseInstant(endDate, 'endDate') };
  if (Date.parse(window.endDate) <= Date.parse(window.startDate)) {
    throw new LicencingError('invalid-window', `endDate (${window.endDate}) must be after startDate (${window.startDate}): the window is open from startDate until just before endDate.`);
  }
  return window;
};

