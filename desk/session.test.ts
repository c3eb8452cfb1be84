import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Koa from 'koa';
import { createSessions, SESSION_COOKIE } from './session.ts';

/** A desk process's sessions behind two routes: sign in (as a fixed editor) and who am I. */
const serve = async (file: string) => {
  const sessions = createSessions(false, file);
  const app = new Koa();
  app.use((ctx) => {
    const session = sessions.of(ctx);
    if (ctx.path === '/desk/in')
      sessions.replace(ctx, session, { editor: { sub: 'chief-editor', name: 'Chief Editor', roles: ['guidance:write'] } });
    else if (ctx.path === '/desk/out') sessions.replace(ctx, session, {});
    else ctx.body = session.editor?.sub ?? 'nobody';
    if (!ctx.body) ctx.body = 'ok';
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: async (path: string, cookie = '') => {
      const response = await fetch(`${url}${path}`, { headers: cookie ? { cookie } : {} });
      return { body: await response.text(), cookie: /desk_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? cookie };
    },
    stop: async () => {
      await sessions.flush();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

test('a restarted desk keeps its editors signed in, from a file that holds no cookie value; signing out is kept too', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'desk-sessions-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'desk-sessions.json');

  const first = await serve(file);
  const { cookie } = await first.get('/desk/in');
  t.regex(cookie, new RegExp(`^${SESSION_COOKIE}=`));
  t.is((await first.get('/desk/who', cookie)).body, 'chief-editor');
  await first.stop();
  const written = await readFile(file, 'utf8');
  t.false(written.includes(cookie.split('=')[1]!), 'the file holds a hash of the session id, not the id');

  const second = await serve(file);
  t.is((await second.get('/desk/who', cookie)).body, 'chief-editor', 'still signed in after the restart');
  t.is((await second.get('/desk/who', `${SESSION_COOKIE}=forged`)).body, 'nobody');
  await second.get('/desk/out', cookie);
  await second.stop();

  const third = await serve(file);
  t.is((await third.get('/desk/who', cookie)).body, 'nobody', 'signed out stays signed out');
  await third.stop();
});
