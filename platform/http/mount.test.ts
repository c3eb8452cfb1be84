import Router from '@koa/router';
import test from 'ava';
import { serveRouters } from '../testing/http.ts';

/** Two routers whose prefixes share a start, as `/catalogue` and a `/catalogue-admin` would. */
const routers = () => {
  const short = new Router({ prefix: '/cat' });
  short.get('/', (ctx) => void (ctx.body = { router: 'cat root' }));
  short.get('/things', (ctx) => void (ctx.body = { router: 'cat' }));
  const long = new Router({ prefix: '/catalogue' });
  long.get('/things', (ctx) => void (ctx.body = { router: 'catalogue' }));
  const bare = new Router();
  bare.get('/health/live', (ctx) => void (ctx.body = { router: 'bare' }));
  return [short, long, bare];
};

test('GET under each prefix reaches its own router only, and a path outside every prefix is a 404 problem', async (t) => {
  const { url, close } = await serveRouters(routers());
  t.teardown(close);
  const body = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  t.like(await body('/cat'), { status: 200, body: { router: 'cat root' } });
  t.like(await body('/cat/things'), { status: 200, body: { router: 'cat' } });
  t.like(await body('/catalogue/things'), { status: 200, body: { router: 'catalogue' } });
  t.like(await body('/health/live'), { status: 200, body: { router: 'bare' } });
  t.like(await body('/catx/things'), { status: 404, type: 'application/problem+json' });
});

test('POST to a GET route under a prefix answers 405 with Allow, and OPTIONS lists the methods', async (t) => {
  const { url, close } = await serveRouters(routers());
  t.teardown(close);
  const post = await fetch(`${url}/catalogue/things`, { method: 'POST' });
  t.is(post.status, 405);
  t.is(post.headers.get('content-type'), 'application/problem+json');
  t.regex(post.headers.get('allow') ?? '', /GET/);
  const options = await fetch(`${url}/cat/things`, { method: 'OPTIONS' });
  t.is(options.status, 200);
  t.regex(options.headers.get('allow') ?? '', /GET/);
});
