import { parseInstant as parsePlatformInstant } from '#platform/time/instant';
import { LicencingError } from './licencing-error.ts';

/** A half-open licence window [startDate, endDate), both instants normalised to UTC seconds. */
export interface LicenceWindow {
  readonly startDate: string;
  readonly endDate: string;
}

/**
 * An instant a licence window names, by the platform's one instant rule (platform/time/instant.ts:
 * a zone, to the second, 1900 to 2999), normalised to `YYYY-MM-DDTHH:mm:ssZ`; a refusal is
 * `invalid-date`.
 */
export const parseInstant = (raw: string, field: string): string => {
  const parsed = parsePlatformInstant(raw, field);
  if (!parsed.ok) throw new LicencingError('invalid-date', parsed.message);
  return parsed.iso;
};

/**
 * Validates a requested window: both instants well formed, and the end strictly after the
 * start (a half-open window that ends where it starts would never be open).
 */
export const parseWindow = (startDate: string, endDate: string): LicenceWindow => {
  const window = { startDate: parseInstant(startDate, 'startDate'), endDate: parseInstant(endDate, 'endDate') };
  if (Date.parse(window.endDate) <= Date.parse(window.startDate)) {
    throw new LicencingError(
      'invalid-window',
      `endDate (${window.endDate}) must be after startDate (${window.startDate}): the window is open from startDate until just before endDate.`,
    );
  }
  return window;
};
