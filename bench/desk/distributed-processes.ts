import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { issueToken } from '#platform/auth/tokens';
import { SERVER_NODE_FLAGS } from '../../deploy/node-flags.ts';

const run = promisify(execFile);
const NAMES = ['catalogue', 'guidance', 'licencing', 'availability', 'gateway'] as const;
type Name = (typeof NAMES)[number];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });

const waitReady = async (url: string, child: ChildProcess, timeoutMs = 180_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
};

export interface DistributedProcesses {
  readonly urls: Readonly<Record<Name, string>>;
  /** An editor's token (all three roles) signed with this run's secret. */
  readonly token: string;
  stop(): Promise<void>;
}

/**
 * The distributed mode as `npm run start:distributed` runs it, isolated for a benchmark: the
 * domain services, availability and the gateway each in its own process, on the local
 * PostgreSQL (a database of this run's own, so no schema meets anyone else's) and RabbitMQ (a
 * vhost of its own, so the fixed queue names meet no one else's), on free ports. No edge.
 */
export const startDistributedProcesses = async (tag: string): Promise<DistributedProcesses> => {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${tag}`);
  await admin.query(`CREATE DATABASE ${tag}`);
  await run('rabbitmqctl', ['-q', 'add_vhost', tag]);
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', tag, 'guest', '.*', '.*', '.*']);
  const ports = Object.fromEntries(await Promise.all(NAMES.map(async (name) => [name, await freePort()]))) as Record<Name, number>;
  const urls = Object.fromEntries(NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as Record<Name, string>;
  const secret = randomBytes(32).toString('hex');
  const env = {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${tag}`,
    AMQP_URL: `amqp://guest:guest@127.0.0.1:5672/${tag}`,
    TOKEN_SECRET: secret,
    CATALOGUE_URL: urls.catalogue,
    GUIDANCE_URL: urls.guidance,
    LICENCING_URL: urls.licencing,
    AVAILABILITY_URL: urls.availability,
    GATEWAY_RATE_LIMIT: '0',
  };
  const children: ChildProcess[] = [];
  const cleanUp = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)),
    );
    await admin.query(`DROP DATABASE IF EXISTS ${tag} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await run('rabbitmqctl', ['-q', 'delete_vhost', tag]).catch(() => undefined);
  };
  try {
    // Domain services first (the feeds availability catches up from), then the readers.
    for (const group of [
      ['catalogue', 'guidance', 'licencing'],
      ['availability', 'gateway'],
    ] as const) {
      for (const name of group)
        children.push(
          spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'deploy/one-service.ts', name], {
            env: { ...env, PORT: String(ports[name]) },
            stdio: ['ignore', 'ignore', 'inherit'],
          }),
        );
      await Promise.all(group.map((name, i) => waitReady(urls[name], children[children.length - group.length + i]!)));
    }
    const token = await issueToken(
      { secret, issuer: 'vod-platform', audience: 'vod-editors' },
      ['catalogue:write', 'guidance:write', 'licencing:write'],
      'desk-bench',
      '1h',
    );
    return { urls, token, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
};
