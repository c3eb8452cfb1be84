import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { backendsVcl, type BackendOrigins } from './backends.ts';

const run = promisify(execFile);

/** The repository's VCL folder (vod.vcl and the compose backends). */
export const VCL_DIR = fileURLToPath(new URL('../vcl/', import.meta.url));

export interface VarnishOptions {
  readonly origins: BackendOrigins;
  /** Port to listen on; a free one when absent. */
  readonly port?: number;
  readonly host?: string;
  /** Cache size (default 256 MB). */
  readonly memory?: string;
  /** Called with varnishd's own output lines (its logs go to the shared memory log, not here). */
  readonly onOutput?: (line: string) => void;
}

export interface RunningVarnish {
  readonly url: string;
  /** varnishd's working directory (`-n`), for varnishstat, varnishadm and varnishlog. */
  readonly workdir: string;
  /** MAIN counters from varnishstat, e.g. `cache_hit`, `cache_miss`. */
  counters(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

const freePort = (host: string) =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * Starts Debian's `varnishd` in the foreground with the repository's VCL in front of `origins`,
 * in a working directory of its own (`-n`), and waits until it answers. `-j none`: no jail, so
 * an unprivileged user can run it and it reads the VCL where it lies. The header limits are
 * raised because a list answer names every episode it holds.
 */
export const startVarnish = async (options: VarnishOptions): Promise<RunningVarnish> => {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const workdir = await mkdtemp(join(tmpdir(), 'vod-varnish-'));
  await writeFile(join(workdir, 'backends.vcl'), backendsVcl(options.origins));
  const args = [
    '-F',
    '-j',
    'none',
    '-n',
    workdir,
    '-a',
    `${host}:${port}`,
    '-T',
    '127.0.0.1:0',
    '-f',
    join(VCL_DIR, 'vod.vcl'),
    '-p',
    `vcl_path=${workdir}:${VCL_DIR}`,
    '-p',
    'http_resp_hdr_len=32k',
    '-p',
    'http_resp_size=96k',
    '-p',
    'workspace_backend=256k',
    '-s',
    `malloc,${options.memory ?? '256m'}`,
  ];
  const child = spawn('varnishd', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      options.onOutput?.(line);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  const url = `http://${host}:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited(child);
    await rm(workdir, { recursive: true, force: true });
  };
  try {
    await Promise.race([spawnFailed, waitUntilAnswering(url, child, output)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    workdir,
    async counters() {
      const { stdout } = await run('varnishstat', ['-n', workdir, '-1', '-f', 'MAIN.*']);
      return Object.fromEntries(
        stdout.split('\n').flatMap((line) => {
          const [name, value] = line.trim().split(/\s+/);
          return name?.startsWith('MAIN.') ? [[name.slice(5), Number(value)]] : [];
        }),
      );
    },
    stop,
  };
};

const waitUntilAnswering = async (url: string, child: ChildProcess, output: readonly string[]) => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`varnishd exited (${child.exitCode}):\n${output.join('\n')}`);
    const answered = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`varnishd did not answer within 60 s:\n${output.join('\n')}`);
};
