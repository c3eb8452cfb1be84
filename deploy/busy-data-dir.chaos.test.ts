import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { bearer } from '#platform/testing/http';
import { embeddedTestVariables } from './testing/embedded-test-variables.ts';
import { freePort, spawnEntryPoint, waitUntilReady } from './testing/spawn-process.ts';

/**
 * Two `npm start` on one DATA_DIR: the second must refuse with one line naming the first and
 * leave it serving; once the first is SIGKILLed, its lock is recovered by the next start, which
 * holds every write the first acknowledged.
 */
test('a second process on a busy DATA_DIR refuses with one line naming the holder; a lock left by a killed process is recovered', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-busy-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const start = async () => {
    const port = await freePort();
    const env = { ...embeddedTestVariables(dataDir, port), LOG_LEVEL: 'warn' };
    return { process: spawnEntryPoint(t, 'deploy/all-in-one.ts', [], env), url: `http://127.0.0.1:${port}` };
  };
  const first = await start();
  await waitUntilReady(first.process, first.url);
  const written = await fetch(`${first.url}/guidance/episodes/4242`, {
    method: 'PUT',
    headers: { authorization: await bearer('guidance:write'), 'content-type': 'application/json', 'if-none-match': '*' },
    body: JSON.stringify({ restricted: true, message: 'Contains Strong Language' }),
  });
  t.is(written.status, 201);

  const second = await start();
  // Without the lock it would open the stores and serve: that, not a hang, is what fails here.
  const served = waitUntilReady(second.process, second.url).then(
    () => 'served' as const,
    () => 'exited' as const,
  );
  t.is(await Promise.race([served, second.process.exited.then(() => 'exited' as const)]), 'exited', second.process.output());
  const code = await second.process.exited;
  const lines = second.process.output().trim().split('\n');
  t.is(code, 1);
  t.is(lines.length, 1, second.process.output());
  t.regex(
    lines[0]!,
    new RegExp(
      `^DATA_DIR ${dataDir} is in use by process ${first.process.child.pid} \\(.*all-in-one.ts, since .+\\): stop it first, or set another DATA_DIR$`,
    ),
  );
  t.true(first.process.alive());
  t.is((await fetch(`${first.url}/guidance/episodes/4242`)).status, 200, 'the first process still serves');

  first.process.child.kill('SIGKILL');
  await first.process.exited;
  const third = await start();
  await waitUntilReady(third.process, third.url);
  const read = await fetch(`${third.url}/guidance/episodes/4242`);
  t.is(read.status, 200, 'the write the killed process acknowledged is there');
  t.is(read.headers.get('etag'), '"1"');
  third.process.child.kill('SIGTERM');
  t.is(await third.process.exited, 0, third.process.output());
});
