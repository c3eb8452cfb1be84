import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { issueToken } from '#platform/auth/tokens';
import { freePort, isolatedInfrastructure, spawnComponent, stopChildren, waitReady } from '../distributed-processes.ts';

const NAMES = ['catalogue', 'guidance', 'licencing', 'availability'] as const;
type Name = (typeof NAMES)[number];

export interface PropagationPlatform {
  readonly urls: Readonly<Record<Name, string>>;
  readonly amqpUrl: string;
  readonly token: string;
  /** Each component's process id, to read its CPU time and memory. */
  readonly pids: Readonly<Record<Name, number>>;
  stop(): Promise<void>;
}

/**
 * The path an editor's change takes in the distributed mode, and nothing else: the three domain
 * services and availability, each in its own process, on the local PostgreSQL and RabbitMQ in a
 * database and a vhost of their own (an exchange `propagation.events` in it), so nobody else's
 * queues or schemas are touched.
 */
export const startPropagationPlatform = async (): Promise<PropagationPlatform> => {
  const infrastructure = await isolatedInfrastructure(`propagation_bench_${process.pid}`);
  const ports = Object.fromEntries(await Promise.all(NAMES.map(async (name) => [name, await freePort()]))) as Record<Name, number>;
  const urls = Object.fromEntries(NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as Record<Name, string>;
  const secret = randomBytes(32).toString('hex');
  const env = {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.PROPAGATION_LOG_LEVEL ?? 'warn',
    DATABASE_URL: infrastructure.databaseUrl,
    AMQP_URL: infrastructure.amqpUrl,
    AMQP_EXCHANGE: 'propagation.events',
    TOKEN_SECRET: secret,
    PLATFORMS: 'ios,android,web',
    CATALOGUE_URL: urls.catalogue,
    GUIDANCE_URL: urls.guidance,
    LICENCING_URL: urls.licencing,
    AVAILABILITY_URL: urls.availability,
  };
  const children: ChildProcess[] = [];
  const cleanUp = async () => {
    await stopChildren(children);
    await infrastructure.drop();
  };
  try {
    // Domain services first: availability catches up from their feeds before it says ready.
    for (const group of [['catalogue', 'guidance', 'licencing'], ['availability']] as const) {
      const started = group.map((name) =>
        spawnComponent(name, {
          ...env,
          PORT: String(ports[name]),
          ...(name === 'availability' && process.env.PROPAGATION_AVAILABILITY_FLAGS
            ? { NODE_OPTIONS: process.env.PROPAGATION_AVAILABILITY_FLAGS }
            : {}),
        }),
      );
      children.push(...started);
      await Promise.all(group.map((name, i) => waitReady(urls[name], started[i]!)));
    }
    const token = await issueToken(
      { secret, issuer: 'vod-platform', audience: 'vod-editors' },
      ['catalogue:write', 'guidance:write', 'licencing:write'],
      'propagation-bench',
      '1h',
    );
    const pids = Object.fromEntries(NAMES.map((name, i) => [name, children[i]!.pid!])) as Record<Name, number>;
    return { urls, amqpUrl: infrastructure.amqpUrl, token, pids, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
};
