import type { Context } from 'koa';
import type { z } from 'zod';
import { readJson } from './body.ts';

/** Whether the request carries a body at all (a declared length above zero, or chunked). */
export const hasBody = (ctx: Context): boolean => Number(ctx.get('Content-Length') || 0) > 0 || ctx.get('Transfer-Encoding') !== '';

/**
 * For commands whose body is optional (a `POST .../revocation` needs no parameters): no body
 * gives `absent`; a body, when sent, goes through `readJson` with its 415/413/400/422 checks,
 * so an odd body is still refused rather than silently ignored.
 */
export const readOptionalJson = async <S extends z.ZodType>(ctx: Context, schema: S, absent: z.output<S>): Promise<z.output<S>> =>
  hasBody(ctx) ? readJson(ctx, schema) : absent;
