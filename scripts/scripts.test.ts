import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';

const root = new URL('..', import.meta.url);

/** Runs a script with `env` added to a clean environment; resolves its exit code and stderr. */
const run = (script: string, args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });

/** A port nothing listens on (fetch refuses some low ports outright, such as 1, before connecting). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const oneLine = (t: import('ava').ExecutionContext, stderr: string, pattern: RegExp) => {
  t.is(stderr.trim().split('\n').length, 1, `one line, got: ${stderr}`);
  t.regex(stderr, pattern);
  t.notRegex(stderr, /\n\s+at /, 'no stack trace');
};

test('npm run rebuild against a refused connection prints one line naming the address', async (t) => {
  const port = await closedPort();
  const { code, stderr } = await run('rebuild', [], { AVAILABILITY_URL: `http://127.0.0.1:${port}` });
  t.is(code, 1);
  oneLine(t, stderr, new RegExp(`^rebuild: cannot reach http://127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
});

test('npm run demo against a refused connection prints one line naming the address', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-demo-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const port = await closedPort();
  const { code, stderr } = await run('load-demo', [], { PORT: String(port), DATA_DIR: dataDir });
  t.is(code, 1);
  oneLine(t, stderr, new RegExp(`^demo: cannot reach http://127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
});

test('npm run dlq against a refused broker prints one line naming it, without its credentials', async (t) => {
  const { code, stderr } = await run('dlq', ['list', 'availability'], { AMQP_URL: 'amqp://guest:secret@127.0.0.1:1' });
  t.is(code, 1);
  oneLine(t, stderr, /^dlq: cannot reach RabbitMQ at amqp:\/\/127\.0\.0\.1:1 \(connection refused\)/);
  t.notRegex(stderr, /secret/);
});

test('npm run token and npm run reset with a bad variable print one line naming it', async (t) => {
  const token = await run('token', ['guidance:write'], { TOKEN_SECRET: 'short' });
  t.is(token.code, 1);
  oneLine(t, token.stderr, /^token: TOKEN_SECRET: must be at least 32 characters/);
  const reset = await run('reset', [], { PORT: 'eighty' });
  t.is(reset.code, 1);
  oneLine(t, reset.stderr, /^reset: PORT: /);
});

test('npm run reset refuses a DATA_DIR a running process holds, and deletes it once that process is gone', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-reset-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const holder = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./platform/storage/data-dir-lock.ts').then(async ({ lockDataDir }) => { await lockDataDir(${JSON.stringify(dataDir)}, 'a running server'); console.log('locked'); setInterval(() => {}, 1000); })`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  t.teardown(() => void holder.kill('SIGKILL'));
  await new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve()));
  const refused = await run('reset', [], { DATA_DIR: dataDir });
  t.is(refused.code, 1);
  oneLine(t, refused.stderr, new RegExp(`^reset: DATA_DIR .* is in use by process ${holder.pid} \\(a running server`));
  await t.notThrowsAsync(access(dataDir), 'nothing was deleted');
  holder.kill('SIGKILL');
  await new Promise((resolve) => holder.once('exit', resolve));
  const done = await run('reset', [], { DATA_DIR: dataDir });
  t.is(done.code, 0, done.stderr);
  await t.throwsAsync(access(dataDir), undefined, 'deleted once nothing holds it');
});
