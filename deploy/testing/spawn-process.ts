import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';
import { eventually } from '#platform/testing/eventually';

/** A port nothing listens on now, for a child process that must be told its port up front. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });

export interface SpawnedProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to stderr (and stdout) so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process ended. */
  readonly exited: Promise<number | null>;
  /** True while the process runs. */
  alive(): boolean;
}

/**
 * Runs a TypeScript entry point of this repository (`deploy/all-in-one.ts`, `deploy/one-service.ts`)
 * as its own process under tsx, with exactly `env` (plus PATH), and SIGKILLs it after the test.
 * Tests of crashes and signals need a real process: an uncaught 'error' event or a signal
 * handler cannot be observed inside the test's own process.
 */
export const spawnEntryPoint = (
  t: ExecutionContext,
  entry: string,
  args: readonly string[],
  env: Record<string, string>,
): SpawnedProcess => {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: new URL('../..', import.meta.url),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  t.teardown(async () => {
    if (running) child.kill('SIGKILL');
    await exited;
  });
  return { child, output: () => output, exited, alive: () => running };
};

/**
 * Waits until `GET {url}/health/ready` answers 200, for as long as a busy 2-core machine may
 * need to start a process (tsx compiles on first load); fails at once if the process exits.
 */
export const waitUntilReady = async (spawned: SpawnedProcess, url: string, timeoutMs = 180_000): Promise<void> => {
  // Polling stops once the process is gone: left running, it would keep the test process alive
  // until its deadline.
  const polling = new AbortController();
  const died = spawned.exited.then((code) => {
    polling.abort();
    throw new Error(`the process exited (${code}) before it was ready:\n${spawned.output()}`);
  });
  died.catch(() => undefined);
  try {
    await Promise.race([
      eventually(async () => (await fetch(`${url}/health/ready`)).ok, {
        timeoutMs,
        intervalMs: 250,
        description: `${url} ready`,
        signal: polling.signal,
      }),
      died,
    ]);
  } finally {
    polling.abort();
  }
};
