import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** What the lock file says about its holder. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** The holder's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for it. */
  readonly startTicks?: number;
  readonly since: string;
  readonly command: string;
}

/** Thrown when another live process holds the data directory; its message is the one line to print. */
export class DataDirInUseError extends Error {
  readonly code = 'data-dir-in-use';

  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `DATA_DIR ${dir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}): stop it first, or set another DATA_DIR`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still this process's. */
  release(): Promise<void>;
}

export const LOCK_FILE = 'vod.lock';

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc. The command may hold spaces and parentheses, so count from its end. */
const startTicksOf = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
};

const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Whether the recorded holder still runs. A holder on another host (a shared volume) is taken to
 * run; on this host its pid must be alive and, where /proc tells, have the same start time.
 */
const alive = (holder: LockHolder): boolean => {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid || !running(holder.pid)) return false;
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === undefined || ticks === undefined || ticks === holder.startTicks;
};

const readHolder = async (file: string): Promise<LockHolder | undefined> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockHolder;
  } catch (error) {
    // Absent, or half-written by a process killed between its write and its link: not a holder.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  }
};

/**
 * Takes `dir` for this process, so that two processes never open the same embedded stores: two
 * PGlite instances on one directory both acknowledge writes, hand out the same outbox positions
 * and can leave the store unusable. The lock is a file created atomically (a hard link of a
 * fully written temporary file, so no reader sees it half-written) naming the holder. A lock
 * whose holder is gone (killed, crashed, a container restarted with the same pid) is taken
 * over; a live holder makes this throw DataDirInUseError. Released on close and at exit.
 */
export const lockDataDir = async (dir: string, command = process.argv.slice(1).join(' ')): Promise<DataDirLock> => {
  await mkdir(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const self: LockHolder = {
    pid: process.pid,
    host: hostname(),
    ...(startTicksOf(process.pid) === undefined ? {} : { startTicks: startTicksOf(process.pid)! }),
    since: new Date().toISOString(),
    command,
  };
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(self));
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await link(temporary, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
      }
      const holder = await readHolder(file);
      if (holder && alive(holder)) throw new DataDirInUseError(resolve(dir), holder);
      await unlink(file).catch(() => undefined);
    }
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  const ours = () => {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as LockHolder).pid === process.pid;
    } catch {
      return false;
    }
  };
  const releaseAtExit = () => {
    if (ours()) unlinkSync(file);
  };
  process.once('exit', releaseAtExit);
  return {
    async release() {
      process.removeListener('exit', releaseAtExit);
      if (ours()) await unlink(file).catch(() => undefined);
    },
  };
};
