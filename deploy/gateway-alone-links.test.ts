import { spawn } from 'node:child_process';
import anyTest, { type TestFn } from 'ava';
import { eventually } from '#platform/testing/eventually';
import { testAuth } from '#platform/testing/http';
import { editorOf } from './testing/editor.ts';
import { headerLinks } from './testing/page-header.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * The gateway deployed alone, as docker-compose runs it: its own process
 * (`deploy/one-service.ts gateway`, what `npm run start:service -- gateway` runs) in front of the
 * real catalogue, guidance, licencing and availability, served here by one embedded process.
 * Every link of its answers must resolve on the gateway's own origin.
 */
const test = anyTest as TestFn<{ gateway: string; services: string; stop: () => Promise<void> }>;

const V2 = 'application/vnd.itv.ctv.production.v2+hal+json';
const EPISODE = 600_101;

test.before(async (t) => {
  const services = await startTestPlatform({}, { names: ['catalogue', 'guidance', 'licencing', 'availability'] });
  const editor = await editorOf(services.url);
  await editor.publishProgramme(6001, 'Linked Lives');
  await editor.publishEpisode(EPISODE, 6001, 'Series 1, Episode 1');
  await editor.setGuidance(EPISODE, true, 'Contains Strong Language');
  await editor.grantLicence(EPISODE, 'web', Date.now() - 3_600_000, Date.now() + 86_400_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'deploy/one-service.ts', 'gateway'], {
    cwd: new URL('..', import.meta.url),
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      GATEWAY_RATE_LIMIT: '0',
      GATEWAY_UPSTREAM_TIMEOUT_MS: '5000',
      GATEWAY_DEADLINE_MS: '10000',
      TOKEN_SECRET: testAuth.secret,
      TOKEN_ISSUER: testAuth.issuer,
      TOKEN_AUDIENCE: testAuth.audience,
      CATALOGUE_URL: services.url,
      GUIDANCE_URL: services.url,
      LICENCING_URL: services.url,
      AVAILABILITY_URL: services.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.context = {
    services: services.url,
    gateway: '',
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await services.stop();
    },
  };
  t.context.gateway = await eventually(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*gateway listening/.exec(output)?.[1], {
    timeoutMs: 60_000,
    description: `the gateway process to listen (output so far: ${output.slice(-500)})`,
  });
  await eventually(
    async () =>
      ((await (await fetch(`${services.url}/availability/episodes/${EPISODE}?platform=web`)).json()) as { available?: boolean })
        .available === true,
    { timeoutMs: 20_000, description: 'availability to know the episode' },
  );
});
test.after.always((t) => t.context.stop());

type Links = Record<string, { href: string; templated?: boolean } | { href: string; templated?: boolean }[]>;
type Resource = { _links?: Links; _embedded?: Record<string, Resource[]> };

/** Every non-templated href of a resource and its embedded resources. */
const hrefsOf = (resource: Resource): string[] => [
  ...Object.values(resource._links ?? {})
    .flatMap((l) => (Array.isArray(l) ? l : [l]))
    .filter((l) => !l.templated)
    .map((l) => l.href),
  ...Object.values(resource._embedded ?? {})
    .flat()
    .flatMap(hrefsOf),
];

test("GET /vod/web/episodes on the gateway-only process: every link of the page resolves on the gateway's origin", async (t) => {
  const { gateway } = t.context;
  const page = (await (await fetch(`${gateway}/vod/web/episodes?q=Linked`, { headers: { accept: V2 } })).json()) as Resource;
  const hrefs = [...new Set(hrefsOf(page).map((h) => h.replace(/#.*$/, '')))];
  t.true(
    hrefs.some((h) => h.startsWith('/catalogue/')) &&
      hrefs.some((h) => h.startsWith('/guidance/')) &&
      hrefs.some((h) => h.startsWith('/licencing/')),
    hrefs.join(' '),
  );
  for (const href of hrefs) {
    const response = await fetch(`${gateway}${href}`, { headers: { accept: href.startsWith('/vod') ? V2 : 'application/hal+json' } });
    t.is(response.status, 200, href);
    await response.arrayBuffer();
  }
  const root = (await (await fetch(`${gateway}/`, { headers: { accept: 'application/hal+json' } })).json()) as Resource;
  for (const path of ['/', '/vod', '/vod/versions', '/vod/web/episodes?q=Linked']) {
    const html = await fetch(`${gateway}${path}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    t.regex(html.headers.get('content-type') ?? '', /^text\/html/, `${path} renders as HTML for a browser`);
    // The page's header links what a browser reaches on this origin: every section (passed
    // through), and no desk, which this deployment does not say where to find.
    const navHrefs = headerLinks(await html.text());
    if (path === '/vod/web/episodes?q=Linked') {
      t.deepEqual(navHrefs, ['/catalogue', '/guidance', '/licencing', '/availability']);
      for (const href of navHrefs)
        t.is((await fetch(`${gateway}${href}`, { headers: { accept: 'text/html' } })).status, 200, `header link ${href}`);
    }
  }
  for (const href of hrefsOf(root))
    t.is(
      (await fetch(`${gateway}${href}`, { headers: { accept: href.startsWith('/vod/') ? V2 : 'application/hal+json' } })).status,
      200,
      `root link ${href}`,
    );
});

test("the gateway's passthrough keeps the service's ETag, 304s, Cache-Control and negotiation, and is read-only", async (t) => {
  const { gateway, services } = t.context;
  const path = `/catalogue/episodes/${EPISODE}`;
  const direct = await fetch(`${services}${path}`, { headers: { accept: 'application/hal+json' } });
  const through = await fetch(`${gateway}${path}`, { headers: { accept: 'application/hal+json' } });
  t.is(through.headers.get('etag'), direct.headers.get('etag'));
  t.is(through.headers.get('cache-control'), direct.headers.get('cache-control'));
  t.is(through.headers.get('content-type'), direct.headers.get('content-type'));
  t.deepEqual(await through.json(), await direct.json());
  const again = await fetch(`${gateway}${path}`, {
    headers: { accept: 'application/hal+json', 'if-none-match': through.headers.get('etag')! },
  });
  t.is(again.status, 304, await again.text());
  const html = await fetch(`${gateway}${path}`, { headers: { accept: 'text/html' } });
  t.regex(html.headers.get('content-type') ?? '', /^text\/html/);
  t.regex(await html.text(), /Linked Lives|Series 1, Episode 1/);
  const htmlAgain = await fetch(`${gateway}${path}`, { headers: { accept: 'text/html', 'if-none-match': html.headers.get('etag')! } });
  t.is(htmlAgain.status, 304);
  t.is((await fetch(`${gateway}/licencing/licences?episode=${EPISODE}`)).status, 200);
  t.is((await fetch(`${gateway}/catalogue/episodes/999999999`)).status, 404);
  const put = await fetch(`${gateway}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
  t.is(put.status, 405);
  t.is(put.headers.get('allow'), 'GET, HEAD');
});
