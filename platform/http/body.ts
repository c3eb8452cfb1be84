import type { Context } from 'koa';
import type { z } from 'zod';
import { HttpProblem, badRequest, unprocessable } from './problem.ts';
import { describeIssues } from './validation.ts';

/** Editors' commands are small; anything larger than this is refused before it is parsed. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

const tooLarge = (limit: number) =>
  new HttpProblem(413, 'Content Too Large', `The body may be at most ${limit} bytes.`, {}, { Connection: 'close' });

/**
 * Reads the body up to `limit` bytes. Past the limit it stops keeping what arrives but goes on
 * reading and discarding it, and the 413 closes the connection after it is sent: destroying the
 * request (or leaving bytes unread in the socket) would reset the connection before the client
 * read its answer, which is what a chunked body without Content-Length used to get.
 */
const readRaw = (ctx: Context, limit: number): Promise<string> => {
  if (Number(ctx.get('Content-Length') || 0) > limit) return Promise.reject(tooLarge(limit));
  const req = ctx.req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      req.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    const onError = (error: Error) => reject(error);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
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
