import { randomUUID } from 'node:crypto';
import Koa, { type Context, type Next } from 'koa';
import type { Logger } from 'pino';
import { HttpProblem, PROBLEM_JSON, notFound } from './problem.ts';

declare module 'koa' {
  interface DefaultState {
    requestId: string;
  }
  interface ExtendableContext {
    log: Logger;
  }
}

export interface HttpAppOptions {
  readonly logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Maps errors thrown by koa itself or by middleware (`http-errors`) to a problem. */
const toProblem = (error: unknown): HttpProblem | undefined => {
  if (error instanceof HttpProblem) return error;
  const status = (error as { status?: unknown; expose?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (error as { expose?: boolean; message?: string }).expose ? (error as Error).message : undefined;
    return new HttpProblem(status, statusTitle(status), message);
  }
  return undefined;
};

const statusTitle = (status: number): string =>
  ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 413: 'Content Too Large', 415: 'Unsupported Media Type' })[status] ??
  'Client Error';

/** Renders any error as `application/problem+json`; 5xx bodies never say anything internal. */
const problems = async (ctx: Context, next: Next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body == null) throw notFound();
    if (ctx.status === 405 && ctx.body == null) throw new HttpProblem(405, 'Method Not Allowed', `This resource allows ${ctx.response.get('Allow') || 'no other methods'}.`);
    if (ctx.status === 501 && ctx.body == null) throw new HttpProblem(405, 'Method Not Allowed', 'This method is not supported here.');
  } catch (error) {
    const problem = toProblem(error);
    if (problem) {
      ctx.status = problem.status;
      ctx.set(problem.headers);
      ctx.body = problem.toJSON(ctx.path);
    } else {
      ctx.log.error({ err: error }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: `Something went wrong on our side; quote request id ${ctx.state.requestId}.` };
    }
    ctx.type = PROBLEM_JSON;
  }
};

/**
 * The koa app every process serves: a request id (taken from `X-Request-Id` when well formed),
 * a child logger on `ctx.log`, one structured access-log line per request, and problem+json for
 * every error. Routers are mounted by the caller.
 */
export const createHttpApp = ({ logger }: HttpAppOptions): Koa => {
  const app = new Koa({ proxy: false });
  app.silent = true;
  app.use(async (ctx, next) => {
    const started = process.hrtime.bigint();
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    ctx.log = logger.child({ requestId: ctx.state.requestId });
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 100) / 100 }, 'request');
    }
  });
  app.use(problems);
  return app;
};
