import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { DataDirInUseError, LOCK_FILE, lockDataDir, type LockHolder } from './data-dir-lock.ts';

const tempDir = async (t: { teardown(fn: () => Promise<void>): void }) => {
  const dir = await mkdtemp(join(tmpdir(), 'vod-lock-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

/** Another live process: what a second `npm start` finds holding the directory. */
const otherProcess = (t: { teardown(fn: () => Promise<void>): void }) => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.teardown(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return { pid: child.pid!, exited, kill: () => child.kill('SIGKILL') };
};

const startTicks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
};

const holderFile = (dir: string, holder: Partial<LockHolder> & { pid: number }) =>
  writeFile(
    join(dir, LOCK_FILE),
    JSON.stringify({ host: hostname(), since: '2026-01-01T00:00:00.000Z', command: 'deploy/all-in-one.ts', ...holder }),
  );

test('a directory held by a live process is refused with one line naming that process', async (t) => {
  const dir = await tempDir(t);
  const other = otherProcess(t);
  await holderFile(dir, { pid: other.pid, startTicks: startTicks(other.pid) });
  const error = await t.throwsAsync(lockDataDir(dir), { instanceOf: DataDirInUseError });
  t.regex(
    error.message,
    new RegExp(
      `^DATA_DIR .+ is in use by process ${other.pid} \\(deploy/all-in-one.ts, since 2026-01-01T00:00:00.000Z\\): stop it first, or set another DATA_DIR$`,
    ),
  );
  t.notRegex(error.message, /\n/);
  t.is(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid, other.pid, 'the holder keeps its lock');
});

test('a lock left by a killed process is taken over', async (t) => {
  const dir = await tempDir(t);
  const other = otherProcess(t);
  await holderFile(dir, { pid: other.pid, startTicks: startTicks(other.pid) });
  other.kill();
  await other.exited;
  const lock = await lockDataDir(dir);
  t.is(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
  await lock.release();
  await t.throwsAsync(access(join(dir, LOCK_FILE)), { code: 'ENOENT' }, 'released on close');
});

test('a lock whose pid now belongs to another process (started later) is taken over', async (t) => {
  const dir = await tempDir(t);
  const other = otherProcess(t);
  await holderFile(dir, { pid: other.pid, startTicks: startTicks(other.pid) - 1 });
  const lock = await lockDataDir(dir);
  t.is(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
  await lock.release();
});

test('an empty or half-written lock file holds nothing', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, LOCK_FILE), '{"pid": 12');
  const lock = await lockDataDir(dir);
  t.is(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
  await lock.release();
});
