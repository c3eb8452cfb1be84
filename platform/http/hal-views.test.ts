import Router from '@koa/router';
import test from 'ava';
import { createHttpApp } from './app.ts';
import { sendRepresentation, versionETag } from './conditional.ts';
import { HAL_FORMS, type TemplatesFor } from './hal-forms.ts';
import { halViews } from './hal-views.ts';
import { HAL_JSON, halResource, templated } from './hal.ts';
import { mountRouter } from './mount.ts';
import { notFound } from './problem.ts';
import { silentLogger } from '../lifecycle/logger.ts';
import type { AddressInfo } from 'node:net';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const thing = halResource({ title: 'A <b>bold</b> "title"', note: '<script>alert(1)</script>' }, '/things/1', {
  search: templated('/things{?q,page}', 'Search things'),
  one: templated('/things/{id}', 'One thing'),
  elsewhere: 'https://evil.example/x',
  collection: '/things',
});

const templates: TemplatesFor = (_resource, path, absent) =>
  absent && path === '/things/2'
    ? { default: { title: 'Create it', method: 'PUT', target: path, properties: [{ name: 'title', required: true }] } }
    : path === '/things/1'
      ? {
          default: {
            title: 'Rename',
            method: 'PUT',
            target: '/things/1',
            contentType: 'application/json',
            properties: [{ name: 'title', required: true, regex: '^.{1,20}$' }],
          },
        }
      : undefined;

test.before(async (t) => {
  const app = createHttpApp({ logger: silentLogger() });
  app.use(halViews(templates));
  const router = new Router();
  router.get('/things/1', (ctx) => sendRepresentation(ctx, { body: thing, etag: versionETag(3), contentType: HAL_JSON }));
  router.get('/things/:id', () => {
    throw notFound('No such thing.');
  });
  router.get('/plain', (ctx) => {
    ctx.body = { ok: true };
  });
  mountRouter(app, router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.context = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
});
test.after.always((t) => {
  const { server } = t.context as { server: { close(): void; closeAllConnections(): void } };
  server.closeAllConnections();
  server.close();
});

const url = (t: { context: unknown }, path: string) => `${(t.context as { url: string }).url}${path}`;

test("a HAL client gets the route's HAL, untouched, with Vary: Accept", async (t) => {
  const response = await fetch(url(t, '/things/1'), { headers: { accept: HAL_JSON } });
  t.is(response.headers.get('content-type'), HAL_JSON);
  t.is(response.headers.get('etag'), '"3"');
  t.regex(response.headers.get('vary') ?? '', /Accept/);
  t.deepEqual(await response.json(), JSON.parse(JSON.stringify(thing)));
});

test('a browser gets an escaped HTML page of the same resource with a strict CSP, links clickable, query templates as GET forms', async (t) => {
  const response = await fetch(url(t, '/things/1'), { headers: { accept: BROWSER } });
  t.is(response.status, 200);
  t.regex(response.headers.get('content-type') ?? '', /^text\/html/);
  t.regex(response.headers.get('content-security-policy') ?? '', /default-src 'none'.*form-action 'self'/);
  t.is(response.headers.get('etag'), '"3-html"');
  const html = await response.text();
  t.false(html.includes('<script>'));
  t.true(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  t.true(html.includes('A &lt;b&gt;bold&lt;/b&gt; &quot;title&quot;'));
  t.true(html.includes('<a rel="collection" href="/things">'));
  t.false(html.includes('href="https://evil.example'));
  t.regex(html, /<form method="get" action="\/things"[^>]*>.*<input name="q".*<input name="page"/);
  t.true(html.includes('<code>/things/{id}</code>'));
  t.true(html.includes('Rename') && html.includes('<code>PUT /things/1</code>'));
});

test("a conditional GET of the HTML view is answered 304 by the route's own ETag check", async (t) => {
  const response = await fetch(url(t, '/things/1'), { headers: { accept: BROWSER, 'if-none-match': '"3-html"' } });
  t.is(response.status, 304);
  t.is(response.headers.get('etag'), '"3-html"');
});

test('a conditional GET of the HAL view is answered 304, not a 500: a 304 has no Content-Type', async (t) => {
  const { url } = t.context as { url: string };
  const response = await fetch(`${url}/things/1`, { headers: { accept: HAL_JSON, 'if-none-match': versionETag(3) } });
  t.is(response.status, 304);
});

test('a HAL-FORMS client gets the resource with _templates describing its commands', async (t) => {
  const response = await fetch(url(t, '/things/1'), { headers: { accept: `${HAL_FORMS}, ${HAL_JSON};q=0.5` } });
  t.is(response.headers.get('content-type'), HAL_FORMS);
  const body = (await response.json()) as {
    _templates: Record<string, { method: string; properties: { name: string; regex?: string }[] }>;
    title: string;
  };
  t.is(body.title, thing.title as string);
  t.is(body._templates.default!.method, 'PUT');
  t.deepEqual(
    body._templates.default!.properties.map((p) => p.name),
    ['title'],
  );
});

test('answers that are not HAL are left alone for a browser too', async (t) => {
  const response = await fetch(url(t, '/plain'), { headers: { accept: BROWSER } });
  t.regex(response.headers.get('content-type') ?? '', /^application\/json/);
  t.deepEqual(await response.json(), { ok: true });
});

test('a 404 where the service lets editors create the resource carries the templates that create it, still a 404', async (t) => {
  const forms = await fetch(url(t, '/things/2'), { headers: { accept: HAL_FORMS } });
  t.is(forms.status, 404);
  t.is(forms.headers.get('content-type'), HAL_FORMS);
  t.is(forms.headers.get('cache-control'), 'no-store');
  const body = (await forms.json()) as {
    detail: string;
    _links: { self: { href: string } };
    _templates: Record<string, { title: string; method: string }>;
  };
  t.is(body.detail, 'No such thing.');
  t.is(body._links.self.href, '/things/2');
  t.is(body._templates.default!.title, 'Create it');
  const page = await fetch(url(t, '/things/2'), { headers: { accept: BROWSER } });
  t.is(page.status, 404);
  t.true((await page.text()).includes('Create it'));
});

test("a 404 where nothing may be created stays the route's problem", async (t) => {
  const response = await fetch(url(t, '/things/3'), { headers: { accept: HAL_FORMS } });
  t.is(response.status, 404);
  t.regex(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
});
