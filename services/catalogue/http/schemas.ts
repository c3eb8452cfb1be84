import { z } from 'zod';
import { CHANNEL, LIMITS } from '../domain/text.ts';

/** A query parameter naming an id, as in `?programme=42`. */
export const zIdParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a positive whole number of up to ten digits')
  .transform(Number);

/** A query parameter naming a channel, as in `?channel=ITVBe`. */
export const zChannelParam = z.string().regex(CHANNEL, 'must be a channel name such as ITV or ITVBe');

/** A bounded text field of a command body; the domain trims and checks it again. */
export const zText = (max: number) => z.string().min(1).max(max);

/** A whole number from 1 to `max` in a command body. */
export const zCount = (max: number) => z.number().int().min(1).max(max);

/** An id inside a command body. */
export const zId = z.number().int().min(1).max(9_999_999_999);

export { LIMITS };
