import type { AddressInfo } from 'node:net';
import test from 'ava';
import Koa from 'koa';
import { inProcessTransport, poolTransport, type Transport } from './transport.ts';

/** A small app that negotiates, answers conditionals and fails like a service does. */
const serviceApp = () => {
  const app = new Koa();
  app.use((ctx) => {
    if (ctx.path === '/boom') {
      ctx.status = 503;
      ctx.set('Retry-After', '2');
      ctx.body = { title: 'Service Unavailable' };
      return;
    }
    ctx.set('ETag', '"v1"');
    ctx.set('Cache-Control', 'public, max-age=30');
    ctx.vary('Accept');
    if (ctx.get('If-None-Match') === '"v1"') {
      ctx.status = 304;
      return;
    }
    ctx.type = ctx.accepts('application/hal+json', 'text/html') === 'text/html' ? 'text/html' : 'application/hal+json';
    ctx.body = ctx.type.startsWith('text/html') ? '<p>hi</p>' : { path: ctx.url, via: ctx.get('via'), ip: ctx.ip };
  });
  return app;
};

const ask = async (transport: Transport, path: string, headers: Record<string, string>) => {
  const response = await transport.request({ path, method: 'GET', headers, signal: AbortSignal.timeout(5_000) });
  const bytes = await response.body.bytes();
  return {
    status: response.statusCode,
    etag: response.headers.etag,
    cacheControl: response.headers['cache-control'],
    type: response.headers['content-type'],
    vary: response.headers.vary,
    retryAfter: response.headers['retry-after'],
    body: bytes.toString(),
  };
};

test('the in-process transport gives the same status, headers and body as HTTP: negotiation, 304s and errors alike', async (t) => {
  const app = serviceApp();
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const pool = poolTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const local = inProcessTransport(() => app.callback());
  try {
    for (const [path, headers] of [
      ['/catalogue/episodes/1?x=1', { accept: 'application/hal+json', via: '1.1 vod-gateway' }],
      ['/catalogue/episodes/1', { accept: 'text/html' }],
      ['/catalogue/episodes/1', { accept: 'application/hal+json', 'if-none-match': '"v1"' }],
      ['/boom', { accept: 'application/hal+json' }],
    ] as const) {
      t.deepEqual(await ask(local, path, headers), await ask(pool, path, headers), `${path} ${JSON.stringify(headers)}`);
    }
  } finally {
    await pool.close();
    server.close();
  }
});

test('the in-process transport refuses before the app serves, and gives up when its signal aborts', async (t) => {
  await t.throwsAsync(
    inProcessTransport(() => undefined).request({ path: '/', method: 'GET', headers: {}, signal: AbortSignal.timeout(1_000) }),
    { name: 'NotServing' },
  );
  // AbortSignal.timeout's timer does not hold the process open, as a serving process's sockets
  // would: without this, a worker with nothing else left to do exits before the signal fires.
  const serving = setInterval(() => undefined, 1_000);
  t.teardown(() => clearInterval(serving));
  const hanging = inProcessTransport(() => () => undefined);
  await t.throwsAsync(hanging.request({ path: '/', method: 'GET', headers: {}, signal: AbortSignal.timeout(50) }), {
    any: true,
    name: 'TimeoutError',
  });
});
