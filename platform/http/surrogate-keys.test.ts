import test from 'ava';
import { createHttpApp } from './app.ts';
import { silentLogger } from '../lifecycle/logger.ts';
import { embeddedKeys, readSurrogateKeys, setSurrogateKeys, SURROGATE_CAPABILITY } from './surrogate-keys.ts';
import { halResource } from './hal.ts';

test('setSurrogateKeys adds to the keys already on the response, once each', async (t) => {
  const app = createHttpApp({ logger: silentLogger() });
  app.use((ctx) => {
    setSurrogateKeys(ctx, ['/a/1', '/a']);
    setSurrogateKeys(ctx, ['/a', '/b?x=1']);
    ctx.body = 'ok';
  });
  const server = app.listen(0);
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'surrogate-capability': SURROGATE_CAPABILITY } });
  t.is(response.headers.get('xkey'), '/a/1 /a /b?x=1');
});

test('setSurrogateKeys states the keys only to a surrogate that asks for them, never to a client', async (t) => {
  const app = createHttpApp({ logger: silentLogger() });
  app.use((ctx) => {
    setSurrogateKeys(ctx, ['/a/1']);
    ctx.body = 'ok';
  });
  const server = app.listen(0);
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  const ask = (headers: Record<string, string>) => fetch(`http://127.0.0.1:${port}/`, { headers }).then((r) => r.headers.get('xkey'));
  t.is(await ask({}), null);
  t.is(await ask({ 'surrogate-capability': 'cdn="ESI/1.0"' }), null, 'a surrogate that does not index xkey gets none');
  t.is(await ask({ 'surrogate-capability': 'cdn="ESI/1.0", vod-edge="xkey/1"' }), '/a/1');
});

test('setSurrogateKeys refuses a key xkey would split or that is not a root-relative href', (t) => {
  const ctx = { response: { get: () => '' }, set: () => undefined } as never;
  t.throws(() => setSurrogateKeys(ctx, ['/a b']));
  t.throws(() => setSurrogateKeys(ctx, ['/a,b']));
  t.throws(() => setSurrogateKeys(ctx, ['relative']));
});

test('readSurrogateKeys reads a header as one or repeated, split on spaces and commas', (t) => {
  t.deepEqual(readSurrogateKeys('/a  /b,/c'), ['/a', '/b', '/c']);
  t.deepEqual(readSurrogateKeys(['/a', '/b']), ['/a', '/b']);
  t.deepEqual(readSurrogateKeys(undefined), []);
});

test('embeddedKeys names every embedded resource by its path, query left out', (t) => {
  const item = (href: string) => halResource({}, href);
  const list = halResource({}, '/x', {}, { items: [item('/x/1?platform=ios'), item('/x/2')] });
  t.deepEqual(embeddedKeys(list), ['/x/1', '/x/2']);
  t.deepEqual(embeddedKeys({}), []);
});
