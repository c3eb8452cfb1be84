import { CatalogueError, type CatalogueErrorCode } from './catalogue-error.ts';

/** Field bounds shared by the domain checks and the HTTP schemas, so both say the same. */
export const LIMITS = {
  title: 200,
  synopsis: 2000,
  channel: 32,
  seriesNumber: 1000,
  order: 100_000,
  durationSeconds: 24 * 60 * 60,
} as const;

/** A channel is a short name such as ITV, ITV2, ITVBe or CITV. */
export const CHANNEL = /^[A-Za-z0-9][A-Za-z0-9 +&.-]{0,31}$/;

/** Trims `value` and insists it is non-empty and at most `max` characters long. */
export const requireText = (code: CatalogueErrorCode, field: string, value: string, max: number): string => {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new CatalogueError(code, `The ${field} may not be empty.`);
  if (trimmed.length > max) throw new CatalogueError(code, `The ${field} may be at most ${max} characters long.`);
  return trimmed;
};

/** Insists `value` is a whole number from 1 to `max`. */
export const requireCount = (code: CatalogueErrorCode, field: string, value: number, max: number): number => {
  if (!Number.isSafeInteger(value) || value < 1 || value > max)
    throw new CatalogueError(code, `The ${field} must be a whole number from 1 to ${max}.`);
  return value;
};
