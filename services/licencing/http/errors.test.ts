import { readFile } from 'node:fs/promises';
import test from 'ava';
import { licencingErrorStatus } from './errors.ts';

test('the README lists every licencing error code with the status http/errors.ts gives it', async (t) => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const documented = Object.fromEntries(
    [...readme.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code, Number(status)]),
  );
  t.deepEqual(documented, licencingErrorStatus);
});
