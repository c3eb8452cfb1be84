import { request } from 'node:http';
import Router from '@koa/router';
import test from 'ava';
import { SignJWT } from 'jose';
import { serveRouters, testAuth } from '../testing/http.ts';
import { issueToken, requireRole } from './tokens.ts';

const served = async () => {
  let ran = 0;
  const router = new Router();
  router.post('/commands', requireRole(testAuth, 'guidance:write'), (ctx) => {
    ran += 1;
    ctx.body = { subject: ctx.state.principal.subject };
  });
  return { ...(await serveRouters([router])), ran: () => ran };
};

/** POSTs with the Authorization header lines given, each sent as its own line. */
const post = (url: string, authorization: string[]) =>
  new Promise<{ status: number; type: string | undefined }>((resolve, reject) => {
    const req = request(`${url}/commands`, { method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.setHeader('authorization', authorization);
    req.end();
  });

const signed = (iat: number, exp: number) =>
  new SignJWT({ roles: ['guidance:write'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('editor')
    .setIssuer(testAuth.issuer)
    .setAudience(testAuth.audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(testAuth.secret));

test('a command with one valid bearer token runs', async (t) => {
  const app = await served();
  t.teardown(app.close);
  t.is((await post(app.url, [`Bearer ${await issueToken(testAuth, ['guidance:write'])}`])).status, 200);
  t.is(app.ran(), 1);
});

test('a command with two Authorization headers is refused with a problem, whichever comes first', async (t) => {
  const app = await served();
  t.teardown(app.close);
  const valid = `Bearer ${await issueToken(testAuth, ['guidance:write'])}`;
  for (const lines of [
    [valid, valid],
    [valid, 'Bearer forged.forged.forged'],
    ['Basic ZWRpdG9yOng=', valid],
  ]) {
    const answer = await post(app.url, lines);
    t.is(answer.status, 400);
    t.is(answer.type, 'application/problem+json');
  }
  t.is(app.ran(), 0);
});

test('a token issued in the future, or one older than a day, is refused with 401', async (t) => {
  const app = await served();
  t.teardown(app.close);
  const now = Math.floor(Date.now() / 1000);
  t.is((await post(app.url, [`Bearer ${await signed(now + 3600, now + 7200)}`])).status, 401);
  t.is((await post(app.url, [`Bearer ${await signed(now - 25 * 3600, now + 3600)}`])).status, 401);
  t.is((await post(app.url, [`Bearer ${await signed(now + 10, now + 3600)}`])).status, 200, 'a few seconds of clock skew are tolerated');
  t.is(app.ran(), 1);
});
