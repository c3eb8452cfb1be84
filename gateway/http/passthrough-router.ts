import Router from '@koa/router';
import type { Context } from 'koa';
import { HttpProblem } from '#platform/http/problem';
import { GATEWAY_VIA } from '../upstream/upstream-client.ts';
import type { Transport } from '../upstream/transport.ts';

/** Request headers a read carries upstream: negotiation, conditionals, tracing. */
const FORWARDED = ['accept', 'accept-language', 'if-none-match', 'if-modified-since', 'traceparent', 'x-request-id'];
/** Response headers that belong to one connection or that this process sets itself. */
const NOT_COPIED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'content-length',
  'x-request-id',
  'x-trace-id',
  'date',
]);

export interface PassthroughOptions {
  /** The path prefix and upstream name, e.g. `catalogue` for `/catalogue/...`. */
  readonly name: string;
  readonly transport: Transport;
  readonly timeoutMs: number;
  /** Called when the upstream could not be asked or did not answer in time (logs and metrics). */
  readonly onFailure?: (ctx: Context, failure: 'timeout' | 'unreachable') => void;
}

/**
 * A read-only passthrough of one domain service under its own path prefix, for a gateway
 * deployed alone: every `catalogue`, `guidance` and `licences` link in a gateway answer then
 * resolves on the gateway's origin. GET and HEAD only (editors' commands go to the service
 * itself); the request's Accept, conditionals and trace go up as they came and the answer comes
 * back as it was (status, ETag, Cache-Control, Vary, Content-Type, body), so negotiation, 304s
 * and caching behave as at the service.
 */
export const createPassthroughRouter = ({ name, transport, timeoutMs, onFailure }: PassthroughOptions): Router => {
  const router = new Router({ prefix: `/${name}` });
  router.get(['/', '/{*rest}'], async (ctx) => {
    const headers: Record<string, string> = { via: GATEWAY_VIA };
    for (const header of FORWARDED) {
      const value = ctx.get(header);
      if (value) headers[header] = value;
    }
    let response;
    try {
      response = await transport.request({ path: ctx.url, method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timeout = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      onFailure?.(ctx, timeout ? 'timeout' : 'unreachable');
      throw new HttpProblem(
        timeout ? 504 : 502,
        timeout ? 'Gateway Timeout' : 'Bad Gateway',
        `The ${name} service did not answer the gateway${timeout ? ' in time' : ''}; try again shortly.`,
        { upstream: name },
        { 'Retry-After': '1' },
      );
    }
    for (const [header, value] of Object.entries(response.headers))
      if (value !== undefined && !NOT_COPIED.has(header)) ctx.set(header, value);
    ctx.status = response.statusCode;
    // koa leaves the body out of a HEAD answer itself, keeping its length.
    if (response.statusCode === 204 || response.statusCode === 304) await response.body.dump();
    else ctx.body = await response.body.bytes();
  });
  router.all(['/', '/{*rest}'], (ctx) => {
    ctx.set('Allow', 'GET, HEAD');
    throw new HttpProblem(405, 'Method Not Allowed', `The gateway serves ${name} read-only; send commands to the ${name} service.`);
  });
  return router;
};
