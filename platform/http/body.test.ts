import { request } from 'node:http';
import Router from '@koa/router';
import test from 'ava';
import { z } from 'zod';
import { serveRouters } from '../testing/http.ts';
import { readJson } from './body.ts';

const served = async () => {
  const router = new Router();
  router.post('/commands', async (ctx) => {
    ctx.body = await readJson(ctx, z.object({ name: z.string() }), 1024);
  });
  return serveRouters([router]);
};

/** Streams `total` bytes of JSON in chunks without a Content-Length (chunked), as curl -T - does. */
const postChunked = (url: string, total: number) =>
  new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
    const req = request(
      `${url}/commands`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(4096, 'a');
    let sent = 0;
    const write = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      req.end();
    };
    req.write('{"name":"');
    write();
  });

test('POST with a chunked body past the limit is answered 413 problem+json, not a reset connection', async (t) => {
  const { url, close } = await served();
  t.teardown(close);
  for (const total of [8 * 1024, 512 * 1024]) {
    const answer = await postChunked(url, total);
    t.is(answer.status, 413, `${total} bytes`);
    t.is(answer.type, 'application/problem+json');
    t.like(JSON.parse(answer.body), { status: 413, title: 'Content Too Large' });
  }
});

test('POST with a chunked body within the limit is read', async (t) => {
  const { url, close } = await served();
  t.teardown(close);
  const response = await fetch(`${url}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: new Blob(['{"name":"x"}']).stream(),
    duplex: 'half',
  } as RequestInit);
  t.is(response.status, 200);
  t.deepEqual(await response.json(), { name: 'x' });
});
