import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import test from 'ava';
import { accessibilityProblems, chromiumPresent, launch, signIn } from '../desk/testing/browser.ts';
import { eventually } from '#platform/testing/eventually';
import { testAuth } from '#platform/testing/http';
import { editorOf } from './testing/editor.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * The desk deployed alone, as docker-compose and `npm run start:distributed` run it: its own
 * process (`deploy/one-service.ts desk`, what `npm run start:service -- desk` runs) reaching the
 * services and the gateway, served here by one embedded process, over HTTP only.
 */
const browserTest = chromiumPresent('the desk-alone browser test') ? test : test.skip;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const startDesk = (env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'deploy/one-service.ts', 'desk'], {
    cwd: new URL('..', import.meta.url),
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      TOKEN_ISSUER: testAuth.issuer,
      TOKEN_AUDIENCE: testAuth.audience,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
};

test('the desk alone refuses to start without the services, the gateway and its own token secret, naming each', async (t) => {
  const desk = startDesk({ PORT: '0' });
  t.is(await desk.exited, 1);
  for (const variable of ['GATEWAY_URL', 'CATALOGUE_URL', 'GUIDANCE_URL', 'LICENCING_URL', 'AVAILABILITY_URL', 'TOKEN_SECRET'])
    t.regex(desk.output(), new RegExp(`${variable}: required when desk runs in its own process`));
});

browserTest('the desk in its own process: an editor signs in on it and sees an episode the services hold, read over HTTP', async (t) => {
  const services = await startTestPlatform({}, { names: ['catalogue', 'guidance', 'licencing', 'availability', 'gateway'] });
  const editor = await editorOf(services.url);
  await editor.publishProgramme(7001, 'Alone Together');
  await editor.publishEpisode(700_101, 7001, 'Series 1, Episode 1');
  await editor.setGuidance(700_101, true, 'Contains Mild Peril');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const desk = startDesk({
    PORT: String(port),
    TOKEN_SECRET: testAuth.secret,
    DESK_PUBLIC_URL: origin,
    GATEWAY_URL: services.url,
    CATALOGUE_URL: services.url,
    GUIDANCE_URL: services.url,
    LICENCING_URL: services.url,
    AVAILABILITY_URL: services.url,
  });
  const browser = await launch();
  t.teardown(async () => {
    await browser.close();
    desk.child.kill('SIGTERM');
    await desk.exited;
    await services.stop();
  });
  await eventually(async () => (await fetch(`${origin}/health/ready`).catch(() => undefined))?.ok === true, {
    timeoutMs: 60_000,
    description: `the desk process to be ready (output so far: ${desk.output().slice(-500)})`,
  });
  t.is((await fetch(`${origin}/catalogue/episodes/700101`)).status, 404, 'the desk process serves no service itself');

  const page = await signIn(browser, origin, 'editor-guidance');
  await page.goto(`${origin}/desk/episodes/700101`);
  t.regex(await page.title(), /Alone Together: Series 1, Episode 1/);
  t.regex(await page.locator('#h-guidance + dl').innerText(), /restricted\s+true[\s\S]*Contains Mild Peril/);
  t.deepEqual(await accessibilityProblems(page), []);
});

test('the platform root links the desk, in HAL and in HTML', async (t) => {
  const served = await startTestPlatform({}, { names: ['gateway', 'desk'] });
  t.teardown(() => served.stop());
  const hal = (await (await fetch(`${served.url}/`, { headers: { accept: 'application/hal+json' } })).json()) as {
    _links: Record<string, { href: string }>;
  };
  t.is(hal._links.desk?.href, '/desk');
  const html = await (await fetch(`${served.url}/`, { headers: { accept: 'text/html' } })).text();
  t.regex(html, /<a rel="desk" href="\/desk">/);
  t.is((await fetch(`${served.url}/desk`)).status, 200, 'the desk answers on the same origin');
});

test('a gateway whose desk runs elsewhere (DESK_PUBLIC_URL) redirects /desk there', async (t) => {
  const served = await startTestPlatform({ DESK_PUBLIC_URL: 'https://desk.example.com' }, { names: ['gateway'] });
  t.teardown(() => served.stop());
  const response = await fetch(`${served.url}/desk/episodes/1?at=2027-01-01T00:00:00Z`, { redirect: 'manual' });
  t.is(response.status, 302);
  t.is(response.headers.get('location'), 'https://desk.example.com/desk/episodes/1?at=2027-01-01T00:00:00Z');
});

test('with DESK_OIDC_ISSUER the desk signs in at that provider (found by discovery, PKCE, its own redirect URI) and serves no provider of its own', async (t) => {
  const provider = await startTestPlatform({}, { names: ['desk'] });
  const desk = await startTestPlatform(
    { DESK_OIDC_ISSUER: `${provider.url}/oidc`, DESK_PUBLIC_URL: 'http://desk.test:3006', DESK_OIDC_SCOPES: 'openid profile' },
    { names: ['desk'] },
  );
  t.teardown(async () => {
    await desk.stop();
    await provider.stop();
  });
  const started = await fetch(`${desk.url}/desk/sign-in`, { redirect: 'manual' });
  t.is(started.status, 302);
  const to = new URL(started.headers.get('location') ?? '');
  t.is(`${to.origin}${to.pathname}`, `${provider.url}/oidc/auth`);
  t.is(to.searchParams.get('client_id'), 'vod-desk');
  t.is(to.searchParams.get('redirect_uri'), 'http://desk.test:3006/desk/callback');
  t.is(to.searchParams.get('code_challenge_method'), 'S256');
  t.is(to.searchParams.get('scope'), 'openid profile');
  t.truthy(to.searchParams.get('state'));
  t.is((await fetch(`${desk.url}/oidc/.well-known/openid-configuration`)).status, 404, 'no local provider where a real one is configured');
});
