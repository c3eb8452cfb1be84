import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import test from 'ava';
import { createLogger } from '../lifecycle/logger.ts';
import { currentTraceparent } from '../lifecycle/trace-scope.ts';
import { createHttpApp } from './app.ts';
import { mountRouter } from './mount.ts';
import { StoreUnavailableError } from '../storage/store-unavailable.ts';
import { notFound } from './problem.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

/** Serves a few routes through the real app, with every log line it writes kept for the test. */
const serve = async (asyncTraceScope: boolean) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('app-test', 'info', {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  // Code that is not handed the request, as an HTTP client deep in a use case would be.
  const deepLine = () => logger.info({ forwarded: currentTraceparent() ?? null }, 'deep');
  const router = new Router();
  router.get('/ok', (ctx) => {
    ctx.log.info('handler');
    deepLine();
    ctx.body = { ok: true };
  });
  router.get('/missing', () => {
    throw notFound('No such thing.');
  });
  router.get('/broken', () => {
    throw new Error('secret internals');
  });
  router.get('/things/:id', (ctx) => {
    throw notFound('No such thing yet.', [`/things/${ctx.params.id}`]);
  });
  router.get('/database-gone', () => {
    throw new StoreUnavailableError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
  });
  const app = createHttpApp({ logger, asyncTraceScope });
  mountRouter(app, router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url, lines, close };
};

for (const asyncTraceScope of [false, true]) {
  const mode = asyncTraceScope ? 'in the async trace scope' : 'without the async trace scope';

  test(`${mode}: the access line and ctx.log carry the request id, the caller's trace id and this process's span`, async (t) => {
    const { url, lines, close } = await serve(asyncTraceScope);
    try {
      const response = await fetch(`${url}/ok`, { headers: { 'x-request-id': 'req-1', traceparent: TRACEPARENT } });
      t.is(response.status, 200);
      t.is(response.headers.get('x-request-id'), 'req-1');
      t.is(response.headers.get('x-trace-id'), TRACE_ID);
      const access = lines.find((l) => l.msg === 'request')!;
      const handler = lines.find((l) => l.msg === 'handler')!;
      for (const line of [access, handler]) {
        t.is(line.requestId, 'req-1');
        t.is(line.traceId, TRACE_ID);
        t.regex(String(line.spanId), /^[0-9a-f]{16}$/);
        t.not(line.spanId, '00f067aa0ba902b7', "the span is this process's, not the caller's");
      }
      t.is(handler.spanId, access.spanId);
      t.is(access.status, 200);
    } finally {
      await close();
    }
  });

  test(`${mode}: code not handed the request ${asyncTraceScope ? 'finds' : 'does not find'} the trace`, async (t) => {
    const { url, lines, close } = await serve(asyncTraceScope);
    try {
      await (await fetch(`${url}/ok`, { headers: { traceparent: TRACEPARENT } })).arrayBuffer();
      const deep = lines.find((l) => l.msg === 'deep')!;
      if (asyncTraceScope) {
        t.regex(String(deep.forwarded), new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
        t.is(deep.traceId, TRACE_ID);
      } else {
        t.is(deep.forwarded, null);
        t.is(deep.traceId, undefined);
      }
    } finally {
      await close();
    }
  });

  test(`${mode}: errors are problems, unknown ones a 500 that says nothing internal`, async (t) => {
    const { url, lines, close } = await serve(asyncTraceScope);
    try {
      const missing = await fetch(`${url}/missing`);
      t.is(missing.status, 404);
      t.is(missing.headers.get('content-type'), 'application/problem+json');
      t.like(await missing.json(), { status: 404, detail: 'No such thing.', instance: '/missing' });

      const unmatched = await fetch(`${url}/nowhere`);
      t.is(unmatched.status, 404);
      t.like(await unmatched.json(), { status: 404 });

      const wrongMethod = await fetch(`${url}/ok`, { method: 'DELETE' });
      t.is(wrongMethod.status, 405);
      t.like(await wrongMethod.json(), { status: 405 });

      const broken = await fetch(`${url}/broken`, { headers: { 'x-request-id': 'req-broken' } });
      t.is(broken.status, 500);
      const body = await broken.text();
      t.false(body.includes('secret internals'));
      t.true(body.includes('req-broken'), 'the answer quotes the request id');
      const logged = lines.find((l) => l.msg === 'unhandled error')!;
      t.is((logged.err as { message: string }).message, 'secret internals');
      t.is(
        lines
          .filter((l) => l.msg === 'request')
          .map((l) => l.status)
          .join(','),
        '404,404,405,500',
      );
    } finally {
      await close();
    }
  });
}

test('a 404 naming the keys whose purge ends it may be kept by the edge, which alone is told the keys; a key that cannot be one keeps nothing', async (t) => {
  const { url, close } = await serve(false);
  try {
    const edge = await fetch(`${url}/things/7`, { headers: { 'surrogate-capability': 'vod-edge="xkey/1"' } });
    t.is(edge.status, 404);
    t.is(edge.headers.get('cache-control'), 'public, max-age=10, s-maxage=60');
    t.is(edge.headers.get('xkey'), '/things/7');
    const client = await fetch(`${url}/things/7`);
    t.is(client.headers.get('cache-control'), 'public, max-age=10, s-maxage=60');
    t.is(client.headers.get('xkey'), null, 'a client never sees the keys');
    const odd = await fetch(`${url}/things/a,b`, { headers: { 'surrogate-capability': 'vod-edge="xkey/1"' } });
    t.is(odd.status, 404, 'never a 500');
    t.is(odd.headers.get('cache-control'), null);
    t.is(odd.headers.get('xkey'), null);
    const written = await fetch(`${url}/things/7`, { method: 'HEAD', headers: { 'surrogate-capability': 'vod-edge="xkey/1"' } });
    t.is(written.headers.get('xkey'), '/things/7', 'HEAD as GET');
    const plain = await fetch(`${url}/missing`, { headers: { 'surrogate-capability': 'vod-edge="xkey/1"' } });
    t.is(plain.headers.get('cache-control'), null, 'a 404 naming no keys is never kept');
  } finally {
    await close();
  }
});

test('GET of a route whose database connection was lost answers 503 problem+json with Retry-After, saying nothing internal', async (t) => {
  const { url, close } = await serve(false);
  t.teardown(close);
  const response = await fetch(`${url}/database-gone`);
  t.is(response.status, 503);
  t.is(response.headers.get('content-type'), 'application/problem+json');
  t.is(response.headers.get('retry-after'), '2');
  const body = (await response.json()) as { status: number; detail: string };
  t.is(body.status, 503);
  t.notRegex(body.detail, /administrator|57P01/);
});
