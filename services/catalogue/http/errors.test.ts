import { readFile } from 'node:fs/promises';
import test from 'ava';
import { catalogueErrorStatus } from './errors.ts';

test('every catalogue error code is documented in the README with its status', async (t) => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  for (const [code, status] of Object.entries(catalogueErrorStatus)) {
    const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${code}\``));
    t.truthy(row, `${code} is missing from the README`);
    t.true(row!.trim().endsWith(`| ${status} |`), `${code} should be documented as ${status}`);
  }
});
