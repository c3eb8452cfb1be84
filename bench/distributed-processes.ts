import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { SERVER_NODE_FLAGS } from '../deploy/node-flags.ts';

const run = promisify(execFile);

/** A port nothing listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });

/** Resolves once `url`'s `/health/ready` answers 2xx; rejects if the child exits or after `timeoutMs`. */
export const waitReady = async (url: string, child: ChildProcess, timeoutMs = 180_000) => {
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

/**
 * A PostgreSQL database and a RabbitMQ vhost of the benchmark's own, named `tag`, so the
 * platform's fixed queue names (`availability`, `edge-invalidator`) and schemas meet no one
 * else's on the shared servers. `drop` removes both.
 */
export const isolatedInfrastructure = async (tag: string) => {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${tag}`);
  await admin.query(`CREATE DATABASE ${tag}`);
  await run('rabbitmqctl', ['-q', 'add_vhost', tag]);
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', tag, 'guest', '.*', '.*', '.*']);
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:5432/${tag}`,
    amqpUrl: `amqp://guest:guest@127.0.0.1:5672/${tag}`,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${tag} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      await run('rabbitmqctl', ['-q', 'delete_vhost', tag]).catch(() => undefined);
    },
  };
};

/** Starts one component with `npm run start:service`'s entry point and the platform's server flags, straight from the TypeScript. */
export const spawnComponent = (name: string, env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'deploy/one-service.ts', name], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

/** Sends SIGTERM to every child still running and waits for them to exit. */
export const stopChildren = async (children: readonly ChildProcess[]) => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
};
