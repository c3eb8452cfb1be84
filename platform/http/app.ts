import { randomUUID } from 'node:crypto';
import Koa, { type Context, type Next } from 'koa';
import type { Logger } from 'pino';
import { continueTrace, runInTrace, type TraceScope } from '../lifecycle/trace-scope.ts';
import { StoreUnavailableError } from '../storage/store-unavailable.ts';
import { HttpProblem, PROBLEM_JSON, notFound } from './problem.ts';
import { absenceCacheControl } from './shared-caching.ts';
import { isSurrogateKey, setSurrogateKeys } from './surrogate-keys.ts';

declare module 'koa' {
  interface DefaultState {
    requestId: string;
    /** The request's W3C trace context: its trace id and this process's span. */
    trace: TraceScope;
  }
  interface ExtendableContext {
    log: Logger;
  }
}

/** One served request as the metrics see it: the route template, never the raw path. */
export interface ServedRequest {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

export interface HttpAppOptions {
  readonly logger: Logger;
  /** Called once per request, e.g. to feed the request-duration histogram of GET /metrics. */
  readonly observe?: (request: ServedRequest) => void;
  /** True while the process drains for shutdown: answers then close their connection, gateway hops' excepted. */
  readonly draining?: () => boolean;
  /**
   * Runs each request inside the async trace scope (see trace-scope), so that code anywhere below
   * (an outgoing call, a log line) finds the trace without being handed it. For processes whose
   * requests call other processes: the gateway. Elsewhere it stays off, because on Node 20 an
   * active AsyncLocalStorage runs a hook for every promise, which cost a quarter of the
   * throughput of a cached availability page; the request's own log lines carry the trace either way.
   */
  readonly asyncTraceScope?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/**
 * A call from this platform's gateway. While draining, its connection stays open: in one process
 * the gateway's hops come back to this very server, and a request being finished may still need
 * them after the listener closed. Idle ones are closed later by the drain.
 */
const GATEWAY_HOP = /\bvod-gateway\b/;

/** Seconds a client is asked to wait after a 503 for a lost database connection: a reconnect, or a failover's promotion. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/** Maps errors thrown by koa itself or by middleware (`http-errors`) to a problem. */
const toProblem = (error: unknown): HttpProblem | undefined => {
  if (error instanceof HttpProblem) return error;
  if (error instanceof StoreUnavailableError)
    return new HttpProblem(
      503,
      'Service Unavailable',
      'The service lost its database connection for a moment; retry shortly.',
      {},
      { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
    );
  const status = (error as { status?: unknown; expose?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (error as { expose?: boolean; message?: string }).expose ? (error as Error).message : undefined;
    return new HttpProblem(status, statusTitle(status), message);
  }
  return undefined;
};

const statusTitle = (status: number): string =>
  ({
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    413: 'Content Too Large',
    415: 'Unsupported Media Type',
  })[status] ?? 'Client Error';

/** Renders an error as `application/problem+json`; 5xx bodies never say anything internal. */
const renderProblem = (ctx: Context, error: unknown) => {
  const problem = toProblem(error);
  if (problem) {
    if (error instanceof StoreUnavailableError) ctx.log.warn({ err: error }, 'database unavailable: answered 503');
    ctx.status = problem.status;
    ctx.set(problem.headers);
    // A read of something not there yet: the edge keeps it until the event that creates it purges
    // its keys. One that cannot be a key (a path with a comma, too long) leaves the 404 unkept.
    const { absenceKeys } = problem;
    if (problem.status === 404 && absenceKeys.length > 0 && absenceKeys.every(isSurrogateKey) && ['GET', 'HEAD'].includes(ctx.method)) {
      ctx.set('Cache-Control', absenceCacheControl());
      setSurrogateKeys(ctx, absenceKeys);
    }
    ctx.body = problem.toJSON(ctx.path);
  } else {
    ctx.log.error({ err: error }, 'unhandled error');
    ctx.status = 500;
    ctx.body = {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: `Something went wrong on our side; quote request id ${ctx.state.requestId}.`,
    };
  }
  ctx.type = PROBLEM_JSON;
};

/** Turns koa's bodiless 404, 405 and 501 into problems too. */
const bodilessProblem = (ctx: Context): HttpProblem | undefined => {
  if (ctx.body != null) return undefined;
  if (ctx.status === 404) return notFound();
  if (ctx.status === 405)
    return new HttpProblem(405, 'Method Not Allowed', `This resource allows ${ctx.response.get('Allow') || 'no other methods'}.`);
  if (ctx.status === 501) return new HttpProblem(405, 'Method Not Allowed', 'This method is not supported here.');
  return undefined;
};

/** The route template koa-router matched (`/catalogue/episodes/:id`), or one label for all misses. */
const routeOf = (ctx: Context): string => {
  const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
  return typeof matched === 'string' ? matched : 'unmatched';
};

/**
 * The koa app every process serves: a request id (taken from `X-Request-Id` when well formed),
 * a W3C trace context (continuing a well-formed `traceparent`, else starting a trace), a child
 * logger on `ctx.log`, one structured access-log line per request, and problem+json for every
 * error. The request's `traceparent` header is replaced by this process's own, so routes that
 * pass it into events hand on a valid, current parent. The access line and `ctx.log` carry the
 * trace and span ids; with `asyncTraceScope`, so does every log line written while the request
 * runs (see createLogger). Routers are mounted by the caller.
 */
export const createHttpApp = ({ logger, observe, draining = () => false, asyncTraceScope = false }: HttpAppOptions): Koa => {
  const app = new Koa({ proxy: false });
  app.silent = true;
  // In the async scope the logger's mixin adds the ids to every line; outside it they are written out.
  const traceFields = (trace: TraceScope): { traceId?: string; spanId?: string } =>
    asyncTraceScope ? {} : { traceId: trace.traceId, spanId: trace.spanId };
  // `ctx.log` is made on first use, by a getter defined once on the context prototype: most
  // requests log only their access line (written without a child), and defining a property on
  // every request's context would cost its object shape.
  Object.defineProperty(app.context, 'log', {
    get(this: Context & { requestLog?: Logger }) {
      return (this.requestLog ??= logger.child({ requestId: this.state.requestId, ...traceFields(this.state.trace) }));
    },
  });
  // One middleware, one async function per request (fewer promises, fewer hooks when the async
  // scope is on): request context, problem rendering and the access log share this frame.
  const serve = async (ctx: Context, next: Next, started: bigint) => {
    try {
      await next();
      const problem = bodilessProblem(ctx);
      if (problem) renderProblem(ctx, problem);
    } catch (error) {
      renderProblem(ctx, error);
    } finally {
      if (draining() && !GATEWAY_HOP.test(ctx.get('Via'))) ctx.set('Connection', 'close');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (logger.isLevelEnabled('info'))
        logger.info(
          {
            requestId: ctx.state.requestId,
            ...traceFields(ctx.state.trace),
            method: ctx.method,
            path: ctx.path,
            status: ctx.status,
            ms: Math.round(seconds * 1e5) / 100,
          },
          'request',
        );
      observe?.({ method: ctx.method, route: routeOf(ctx), status: ctx.status, seconds });
    }
  };
  app.use((ctx, next) => {
    const started = process.hrtime.bigint();
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    const trace = continueTrace(ctx.get('traceparent'));
    ctx.state.trace = trace;
    ctx.request.headers.traceparent = trace.traceparent;
    ctx.set('X-Trace-Id', trace.traceId);
    return asyncTraceScope ? runInTrace(trace, () => serve(ctx, next, started)) : serve(ctx, next, started);
  });
  return app;
};
