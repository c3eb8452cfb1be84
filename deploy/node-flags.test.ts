import { readFile } from 'node:fs/promises';
import test from 'ava';
import { SERVER_NODE_FLAGS } from './node-flags.ts';

const read = (path: string) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

test('npm run start:service runs Node with the server flags; the embedded npm start, small, does not', async (t) => {
  const { scripts } = JSON.parse(await read('package.json')) as { scripts: Record<string, string> };
  for (const flag of SERVER_NODE_FLAGS) {
    t.true(scripts['start:service']!.split(' ').includes(flag), `start:service lacks ${flag}`);
    t.false(scripts.start!.split(' ').includes(flag), `start has ${flag}`);
  }
});

test('the Docker image runs every component with the server flags in NODE_OPTIONS', async (t) => {
  const options = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(await read('Dockerfile'))?.[1];
  t.deepEqual(options?.split(' '), [...SERVER_NODE_FLAGS]);
});
