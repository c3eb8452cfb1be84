import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { SERVER_NODE_FLAGS } from '../deploy/node-flags.ts';

/**
 * A server under test in a process of its own, so that the load generator (in the bench's
 * process) neither shares its event loop nor its heap. Both sides speak over the fork IPC
 * channel: the parent sends the server's input, the child answers with where it listens and
 * what it measured on the way (`report`), and answers CPU-time questions while it runs.
 */
export interface ChildServer<R> {
  readonly origins: Record<string, string>;
  readonly report: R;
  /** User + system CPU time the child has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /**
   * Resolves once the child has gone quiet (under 5 % of a CPU over 100 ms): a closed-loop loader
   * such as wrk stops with requests in flight, whose work must not land on the next round.
   */
  settled(): Promise<void>;
  /** Pins every thread of the child to `cpus` (taskset syntax); false where that is not possible. */
  pin(cpus: string): boolean;
  /** The child's resident memory now, in MB (Linux's VmRSS); undefined where /proc does not tell. */
  residentMB(): Promise<number | undefined>;
  /** Sends the child a request of its own kind (`type`) and resolves with what its handler answered. */
  ask<T>(type: string, payload?: unknown): Promise<T>;
  stop(): Promise<void>;
}

type FromChild<R> =
  | { type: 'ready'; origins: Record<string, string>; report: R }
  | { type: 'cpu'; micros: number }
  | { type: 'failed'; message: string }
  | { type: `answer:${string}`; value: unknown };

/** Pins every thread of a process to some CPUs with util-linux's taskset; false when unavailable. */
export const pinProcess = (pid: number, cpus: string): boolean => {
  if (availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const next = <R>(child: ChildProcess, type: FromChild<R>['type']) =>
  new Promise<FromChild<R>>((resolve, reject) => {
    const onMessage = (message: FromChild<R>) => {
      if (message.type !== type && message.type !== 'failed') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (message.type === 'failed') reject(new Error(message.message));
      else resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`the server under test exited (${code}) before answering`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

/** Starts `script` (a module calling `serveToParent`) in a child process, with the platform's server flags, and hands it `input`. */
export const startChildServer = async <R>(script: URL, input: unknown): Promise<ChildServer<R>> => {
  const child = fork(script, [], {
    execArgv: ['--import=tsx', ...SERVER_NODE_FLAGS, ...(process.env.BENCH_CHILD_FLAGS ?? '').split(' ').filter(Boolean)],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = next<R>(child, 'ready');
  child.send({ type: 'start', input });
  const { origins, report } = (await ready) as Extract<FromChild<R>, { type: 'ready' }>;
  const cpuMicros = async () => {
    const answer = next<R>(child, 'cpu');
    child.send({ type: 'cpu' });
    return ((await answer) as Extract<FromChild<R>, { type: 'cpu' }>).micros;
  };
  return {
    origins,
    report,
    cpuMicros,
    async settled() {
      const deadline = Date.now() + 30_000;
      for (let before = await cpuMicros(); Date.now() < deadline;) {
        await delay(100);
        const after = await cpuMicros();
        if (after - before < 5_000) return;
        before = after;
      }
      throw new Error('the server under test stayed busy for 30 s after its load stopped');
    },
    pin: (cpus) => pinProcess(child.pid!, cpus),
    async residentMB() {
      try {
        const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
        const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
        return kb === undefined ? undefined : Number(kb) / 1024;
      } catch {
        return undefined;
      }
    },
    async ask<T>(type: string, payload?: unknown) {
      const answer = next<R>(child, `answer:${type}`);
      child.send({ type, payload });
      return ((await answer) as { value: T }).value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
};

/** What a child server answers to requests of its own kinds (`ChildServer.ask`). */
export type ChildHandlers = Record<string, (payload: unknown) => unknown>;

/**
 * The child's side: waits for its input, runs `start` (which listens and returns its origins, a
 * report and, optionally, handlers for requests of its own), answers CPU-time questions, and
 * exits when the parent disconnects.
 */
export const serveToParent = <I, R>(
  start: (input: I) => Promise<{ origins: Record<string, string>; report: R; handlers?: ChildHandlers }>,
): void => {
  let handlers: ChildHandlers = {};
  process.on('message', (message: { type: 'start'; input: I } | { type: 'cpu' } | { type: string; payload?: unknown; input?: I }) => {
    if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ type: 'cpu', micros: user + system });
      return;
    }
    if (message.type !== 'start') {
      const handler = handlers[message.type];
      // A failing handler is an unhandled rejection on purpose: it ends the child, and the bench reports it.
      void Promise.resolve(handler ? handler((message as { payload?: unknown }).payload) : undefined).then((value) =>
        process.send!({ type: `answer:${message.type}`, value }),
      );
      return;
    }
    start((message as { input: I }).input).then(
      ({ origins, report, handlers: own }) => {
        handlers = own ?? {};
        process.send!({ type: 'ready', origins, report });
      },
      (error: unknown) => process.send!({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.once('disconnect', () => process.exit(0));
};
