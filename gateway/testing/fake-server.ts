import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fake route answers: a status and a JSON body (absent for an empty 404). */
export type FakeAnswer = { readonly status: number; readonly body?: unknown } | undefined;

export type FakeMode = 'ok' | 'slow' | 'error';

/**
 * A tiny HTTP server playing one upstream service, with the behaviours the degradation tests
 * need: answering normally (with ETag, Cache-Control and 304s), too slowly, with 500s, or not
 * at all once stopped. It counts what it was asked so tests can see revalidation happen.
 */
export const createFakeServer = async (route: (url: URL) => FakeAnswer, maxAgeSeconds = 30) => {
  const bodies = new Map<string, { text: string; etag: string }>();
  const state = { mode: 'ok' as FakeMode, slowMs: 2_000, maxAgeSeconds, requests: 0, notModified: 0 };
  const serialise = (key: string, body: unknown) => {
    let cached = bodies.get(key);
    if (!cached) {
      const text = JSON.stringify(body);
      cached = { text, etag: `"${createHash('sha1').update(text).digest('hex').slice(0, 16)}"` };
      bodies.set(key, cached);
    }
    return cached;
  };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    const answer = () => {
      if (state.mode === 'error')
        return res.writeHead(500, { 'content-type': 'application/problem+json' }).end('{"title":"Internal Server Error","status":500}');
      const found = route(new URL(req.url ?? '/', 'http://fake'));
      if (!found || found.body === undefined)
        return res
          .writeHead(found?.status ?? 404, { 'content-type': 'application/problem+json' })
          .end('{"title":"Not Found","status":404}');
      const { text, etag } = serialise(req.url ?? '', found.body);
      // Each answer names its path as its surrogate key, as the real services name their resource.
      const headers = {
        etag,
        'cache-control': `public, max-age=${state.maxAgeSeconds}`,
        'content-type': 'application/hal+json',
        xkey: new URL(req.url ?? '/', 'http://fake').pathname,
      };
      if (req.headers['if-none-match'] === etag) {
        state.notModified += 1;
        return res.writeHead(304, headers).end();
      }
      res.writeHead(found.status, headers).end(text);
    };
    if (state.mode === 'slow') setTimeout(answer, state.slowMs).unref();
    else answer();
  });
  const listen = (port = 0) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen();
  const { port } = server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    /** Forgets serialised bodies, e.g. after the data behind them changed. */
    forget: () => bodies.clear(),
    stop,
    restart: () => listen(port),
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
};

export type FakeServer = Awaited<ReturnType<typeof createFakeServer>>;
