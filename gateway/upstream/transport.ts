import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import inject from 'light-my-request';
import { Pool } from 'undici';

/** One GET as the gateway sends it to an upstream. */
export interface TransportRequest {
  readonly path: string;
  readonly method: 'GET' | 'HEAD';
  readonly headers: Record<string, string>;
  readonly signal: AbortSignal;
}

/** An upstream's answer, read once: as JSON, as bytes, or thrown away. */
export interface TransportResponse {
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: { json(): Promise<unknown>; bytes(): Promise<Buffer>; dump(): Promise<void> };
}

/**
 * How the gateway reaches one upstream: over HTTP to another process, or into the same
 * process's composed app. Either way the same request (path, headers, negotiation) reaches the
 * same koa app and the same response comes back; only the socket differs.
 */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}

/** Over HTTP: an undici Pool per upstream (keep-alive; a slow service cannot take another's connections). */
export const poolTransport = (origin: string, connections = 32): Transport => {
  const pool = new Pool(origin, { connections, keepAliveTimeout: 30_000 });
  return {
    async request({ path, method, headers, signal }) {
      const response = await pool.request({ path, method, headers, signal });
      const body = response.body;
      return {
        statusCode: response.statusCode,
        headers: response.headers as IncomingHttpHeaders,
        body: { json: () => body.json(), bytes: async () => Buffer.from(await body.arrayBuffer()), dump: () => body.dump() },
      };
    },
    close: () => pool.close(),
  };
};

const aborted = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => {
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : Object.assign(new Error('aborted'), { name: 'AbortError' }));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });

/**
 * Into this process: the request is handed to the composed koa app's request listener by
 * light-my-request (Fastify's injection library, well kept and made for this: it builds a real
 * IncomingMessage/ServerResponse pair with no socket). The all-in-one process then never waits
 * on its own loopback socket, its accept queue or a pooled connection, which under load turned
 * a GC pause into a timed-out part. `listener` is read per request: the app exists only once
 * the server is composed, after the gateway.
 */
export const inProcessTransport = (listener: () => RequestListener | undefined): Transport => ({
  async request({ path, method, headers, signal }) {
    const handler = listener();
    if (!handler) throw Object.assign(new Error('the composed app is not serving yet'), { name: 'NotServing' });
    const response = await Promise.race([inject(handler, { method, url: path, headers, remoteAddress: '127.0.0.1' }), aborted(signal)]);
    return {
      statusCode: response.statusCode,
      headers: response.headers as IncomingHttpHeaders,
      body: { json: async () => response.json(), bytes: async () => response.rawPayload, dump: async () => undefined },
    };
  },
  close: async () => undefined,
});
