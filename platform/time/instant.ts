import { z } from 'zod';

/**
 * The one reading of an instant every service accepts from outside (licence dates, availability's
 * `at`, the instants inside events): RFC 3339 / ISO 8601 `YYYY-MM-DDTHH:mm[:ss[.fff…]]` with a
 * zone (`Z` or `±hh:mm`), to the second.
 *
 * - A zone is required: an instant's meaning must not depend on a server's zone.
 * - Calendar fields are checked (no 31 April, no 24:00, no second 60).
 * - Precision is the second: a fraction is accepted only when it is zero. Licence windows are
 *   contractual to the second, and a silently dropped fraction would move an edge.
 * - Range: from 1900-01-01T00:00:00Z (inclusive) to 3000-01-01T00:00:00Z (exclusive). A year
 *   outside it is a typo (`0026` for `2026`), never read as 1926 as `Date.UTC` would.
 */
export const INSTANT_RANGE = { earliest: '1900-01-01T00:00:00Z', latest: '3000-01-01T00:00:00Z' } as const;

/** Why an instant was refused: not an instant at all, or one outside the range. */
export type InstantProblem = 'malformed' | 'out-of-range';

/** A parsed instant: the Date and its one written form, `YYYY-MM-DDTHH:mm:ssZ`. */
export type ParsedInstant =
  | { readonly ok: true; readonly date: Date; readonly iso: string }
  | { readonly ok: false; readonly problem: InstantProblem; readonly message: string };

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;
const EARLIEST = Date.parse(INSTANT_RANGE.earliest);
const LATEST = Date.parse(INSTANT_RANGE.latest);
const FIRST_YEAR = 1899;
const LAST_YEAR = 3000;

/** Renders an instant in the one form instants are stored and shown in: `YYYY-MM-DDTHH:mm:ssZ`. */
export const formatInstant = (instant: Date): string => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');

const malformed = (field: string, raw: string): ParsedInstant => ({
  ok: false,
  problem: 'malformed',
  message: `${field} "${raw.slice(0, 40)}" is not an ISO 8601 instant with a zone, to the second, such as 2013-01-04T19:30:00Z or 2013-01-04T20:30:00+01:00.`,
});

const outOfRange = (field: string): ParsedInstant => ({
  ok: false,
  problem: 'out-of-range',
  message: `${field} must lie between ${INSTANT_RANGE.earliest} (inclusive) and ${INSTANT_RANGE.latest} (exclusive).`,
});

/**
 * Parses `raw` by the rules above; `field` names it in the message a client reads. Returns a
 * result rather than throwing so that each service turns a refusal into its own error code.
 */
export const parseInstant = (raw: string, field: string): ParsedInstant => {
  const match = ISO_WITH_ZONE.exec(raw);
  if (!match) return malformed(field, raw);
  const [, y, mo, d, h, mi, s = '00', fraction = '0', zone, zh = '00', zm = '00'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  // Checked before Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  if (year < FIRST_YEAR || year > LAST_YEAR) return outOfRange(field);
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const calendar = new Date(local);
  const fieldsHold =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!fieldsHold || Number(fraction) !== 0 || Number(zh) > 23 || Number(zm) > 59) return malformed(field, raw);
  const offsetMinutes = zone === 'Z' ? 0 : (zone!.startsWith('-') ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  const instant = local - offsetMinutes * 60_000;
  if (instant < EARLIEST || instant >= LATEST) return outOfRange(field);
  const date = new Date(instant);
  return { ok: true, date, iso: formatInstant(date) };
};

/**
 * The same rules as a zod schema for instants inside messages (a licence's `startDate` in an
 * event), yielding the normalised string; a refusal is a schema issue the consumer reports.
 */
export const zInstant = z
  .string()
  .max(64)
  .transform((raw, ctx) => {
    const parsed = parseInstant(raw, 'instant');
    if (parsed.ok) return parsed.iso;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });
