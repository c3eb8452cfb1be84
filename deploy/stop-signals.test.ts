import test from 'ava';
import { eventually } from '#platform/testing/eventually';
import { spawnEntryPoint } from './testing/spawn-process.ts';

const fixture = (t: Parameters<typeof spawnEntryPoint>[0], env: Record<string, string>) =>
  spawnEntryPoint(t, 'deploy/testing/stop-signals-fixture.ts', [], env);
const said = (process: ReturnType<typeof fixture>, line: string) =>
  eventually(() => process.output().includes(line), { timeoutMs: 60_000, description: `the process said ${line}` });

test('a second SIGINT right after the first (Ctrl-C, then npm forwarding it) is the same stop: the shutdown finishes and the exit is 0', async (t) => {
  const process = fixture(t, { SHUTDOWN_MS: '5000' });
  await said(process, 'serving');
  process.child.kill('SIGINT');
  await said(process, 'signal received');
  process.child.kill('SIGINT');
  await said(process, 'already stopping');
  process.child.kill('SIGTERM');
  t.is(await process.exited, 0, process.output());
  t.regex(process.output(), /shut down/);
});

test('a SIGTERM during start-up lets start-up finish, then shuts down and exits 0', async (t) => {
  const process = fixture(t, { STARTUP_MS: '1000', SHUTDOWN_MS: '100' });
  await said(process, 'starting');
  process.child.kill('SIGTERM');
  t.is(await process.exited, 0, process.output());
  t.regex(process.output(), /serving[\s\S]*shut down/);
});

test('a shutdown that outlives the grace period ends the process with 1', async (t) => {
  const process = fixture(t, { SHUTDOWN_MS: '60000', GRACE_MS: '300' });
  await said(process, 'serving');
  process.child.kill('SIGTERM');
  t.is(await process.exited, 1);
  t.regex(process.output(), /did not stop within 300 ms/);
});
