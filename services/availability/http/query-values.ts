import { z } from 'zod';

/** An ISO 8601 instant with its offset, as `at=` takes it; a Date, never anything a store reads as an operator. */
export const instantSchema = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** A platform name as configured (`ios`, `samsung`); anything else is a 400 before the store. */
export const platformSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a platform name such as ios');
