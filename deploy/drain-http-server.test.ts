import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import test from 'ava';
import { drainHttpServer, trackHttpConnections } from './drain-http-server.ts';

const listening = async (handler: Parameters<typeof createServer>[1] = (_req, res) => res.end('ok')) => {
  const server: Server = createServer(handler);
  trackHttpConnections(server);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, port: (server.address() as AddressInfo).port };
};

const opened = (port: number) =>
  new Promise<ReturnType<typeof connect>>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', () => undefined);
  });

test('the drain closes a connection that never sent a byte once the idle grace passed, and finishes in time', async (t) => {
  const { server, port } = await listening();
  const silent = await opened(port);
  const closed = new Promise((resolve) => silent.once('close', resolve));
  const drained = await drainHttpServer(server, { timeoutMs: 15_000, idleGraceMs: 50 });
  await closed;
  t.true(drained, 'the silent connection did not hold the drain to its deadline');
});

test('the drain waits for a request in flight and answers it', async (t) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const { server, port } = await listening((_req, res) => void held.then(() => res.end('finished')));
  const arrived = new Promise((resolve) => server.once('request', resolve));
  const answer = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
  await arrived;
  const drain = drainHttpServer(server, { timeoutMs: 60_000, idleGraceMs: 50 });
  setTimeout(release, 300);
  t.is(await answer, 'finished');
  t.true(await drain);
});
