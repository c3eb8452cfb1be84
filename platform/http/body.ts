import type { Context } from 'koa';
import type { z } from 'zod';
import { HttpProblem, badRequest, unprocessable } from './problem.ts';
import { describeIssues } from './validation.ts';

/** Editors' commands are small; anything larger than this is refused before it is parsed. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

const readRaw = async (ctx: Context, limit: number): Promise<string> => {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > limit) throw new HttpProblem(413, 'Content Too Large', `The body may be at most ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      ctx.req.destroy();
      throw new HttpProblem(413, 'Content Too Large', `The body may be at most ${limit} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Reads a JSON command body and validates it with `schema` before anything else happens:
 * 415 for another media type, 413 when too large, 400 for malformed JSON, 422 (listing every
 * problem) when the JSON does not fit the schema. Schemas should be strict, so unknown fields fail.
 */
export const readJson = async <S extends z.ZodType>(ctx: Context, schema: S, limit = DEFAULT_BODY_LIMIT): Promise<z.output<S>> => {
  if (!ctx.is('application/json', 'application/*+json')) {
    throw new HttpProblem(415, 'Unsupported Media Type', 'Send the command as application/json.');
  }
  const raw = await readRaw(ctx, limit);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw badRequest('The body is not well-formed JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw unprocessable('The body does not describe a valid command.', { errors: describeIssues(result.error) });
  return result.data;
};
