import { z } from 'zod';
import { parseInstant } from '#platform/time/instant';
import { AvailabilityError } from '../domain/availability-error.ts';

/**
 * `at=` as the query string carries it: a bounded string, read by `readInstant` after the rest of
 * the query so that a bad instant is its own documented `invalid-instant`, not a generic 400.
 */
export const instantParam = z.string().max(64, 'must be an ISO 8601 instant such as 2026-03-01T00:00:00Z');

/**
 * `at=` by the platform's one instant rule (a zone, to the second, 1900 to 2999: platform/time/
 * instant.ts); a Date, never anything a store reads as an operator. Refused as `invalid-instant`.
 */
export const readInstant = (raw: string | undefined): Date | undefined => {
  if (raw === undefined) return undefined;
  const parsed = parseInstant(raw, 'at');
  if (!parsed.ok) throw new AvailabilityError('invalid-instant', parsed.message);
  return parsed.date;
};

/** A platform name as configured (`ios`, `samsung`); anything else is a 400 before the store. */
export const platformSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a platform name such as ios');
