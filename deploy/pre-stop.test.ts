import Router from '@koa/router';
import test from 'ava';
import { Client } from 'undici';
import { silentLogger } from '#platform/lifecycle/logger';
import type { Component } from './component.ts';
import { serveComponents } from './server.ts';

const component = (): Component => {
  const router = new Router();
  router.get('/things', (ctx) => {
    ctx.body = { things: [] };
  });
  return { name: 'things', routers: [router], readiness: {}, start: () => undefined, stop: async () => undefined };
};

/** One GET on a connection of its own: the status and Connection header, or the connection error's code. */
const getOnNewConnection = async (url: string, path: string) => {
  const client = new Client(url);
  try {
    const response = await client.request({ path, method: 'GET' });
    await response.body.dump();
    return { status: response.statusCode, connection: response.headers.connection };
  } catch (error) {
    return { code: (error as { code?: string }).code };
  } finally {
    await client.destroy();
  }
};

// Stands for a balancer's request sent before it saw readiness turn false, or a connection still
// in the kernel's accept queue at the signal: with the listener closed at once it was refused, or
// reset if already queued (the stop-under-load chaos test counts those as resetInAcceptQueue).
test('a stopping server says not ready but still accepts and answers new connections for the pre-stop delay, keeping them open, then refuses them', async (t) => {
  const running = await serveComponents([component()], { port: 0, host: '127.0.0.1', logger: silentLogger(), preStopMs: 10_000 });
  const stopped = running.shutdown();
  t.deepEqual(await getOnNewConnection(running.url, '/health/ready'), { status: 503, connection: 'keep-alive' });
  t.deepEqual(await getOnNewConnection(running.url, '/things'), { status: 200, connection: 'keep-alive' });
  await stopped;
  t.deepEqual(await getOnNewConnection(running.url, '/things'), { code: 'ECONNREFUSED' });
});
