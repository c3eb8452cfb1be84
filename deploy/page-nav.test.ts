import test, { type ExecutionContext } from 'ava';
import type { ComponentName } from './compose-platform.ts';
import { headerLinks } from './testing/page-header.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/** Serves `names` in one process and answers the header links of its page at `path`, each checked to answer there. */
const linksOn = async (t: ExecutionContext, names: readonly ComponentName[], path: string, env: Record<string, string> = {}) => {
  const platform = await startTestPlatform(env, { names });
  t.teardown(() => platform.stop());
  const page = await fetch(`${platform.url}${path}`, { headers: { accept: 'text/html' } });
  t.is(page.status, 200, `${path} as HTML`);
  const links = headerLinks(await page.text());
  for (const href of links.filter((h) => h.startsWith('/'))) {
    const answer = await fetch(`${platform.url}${href}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    t.true(answer.status < 400, `${href}, linked from the header, answered ${answer.status} on this process`);
  }
  return links;
};

test('the whole platform in one process links every section and the desk, and each answers', async (t) => {
  t.deepEqual(await linksOn(t, ['catalogue', 'guidance', 'licencing', 'availability', 'gateway', 'desk'], '/catalogue'), [
    '/desk',
    '/catalogue',
    '/guidance',
    '/licencing',
    '/availability',
  ]);
});

test("a service process alone links only what it answers: no dead /desk or other service's section", async (t) => {
  t.deepEqual(await linksOn(t, ['catalogue'], '/catalogue'), ['/catalogue']);
});

test("a service process alone that knows the desk's origin (DESK_PUBLIC_URL) links the desk there", async (t) => {
  t.deepEqual(await linksOn(t, ['guidance'], '/guidance', { DESK_PUBLIC_URL: 'https://desk.example.com' }), [
    'https://desk.example.com/desk',
    '/guidance',
  ]);
});
