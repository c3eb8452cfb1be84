import type { Context } from 'koa';
import { z as zod, type z } from 'zod';
import { badRequest } from './problem.ts';
import { describeIssues } from './validation.ts';

/**
 * Validates the query string with a strict schema of string parameters. A repeated parameter,
 * a bracketed one (`episode[$ne]=x`) or an unknown one is a 400: nothing from a query string
 * reaches a store unless the schema let it through as a plain, well-formed value.
 */
export const readQuery = <S extends z.ZodType>(ctx: Context, schema: S): z.output<S> => {
  const raw = ctx.query;
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) throw badRequest(`The query parameter "${name.slice(0, 50)}" may be given once.`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw badRequest('The query string is not valid.', { errors: describeIssues(result.error) });
  return result.data;
};

/** The `page`/`size` pair every collection accepts (1-based page, bounded size). */
export interface Paging {
  readonly page: number;
  readonly size: number;
}

/** Links for a paged collection: first/prev/next/last, built from a function of the page number. */
export const pageLinks = (paging: Paging, total: number, href: (page: number) => string) => {
  const last = Math.max(1, Math.ceil(total / paging.size));
  return {
    first: href(1),
    prev: paging.page > 1 ? href(Math.min(paging.page - 1, last)) : undefined,
    next: paging.page < last ? href(paging.page + 1) : undefined,
    last: href(last),
  };
};

/** Zod shape for `page` (1 to 10,000) and `size` (1 to `maxSize`), both optional. */
export const pagingShape = (maxSize = 100, defaultSize = 20) => ({
  page: zPositiveInt(10_000).default(1),
  size: zPositiveInt(maxSize).default(defaultSize),
});

const zPositiveInt = (max: number) =>
  zod
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(zod.number().int().min(1).max(max));
