import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { issueToken } from '#platform/auth/tokens';
import { freePort, isolatedInfrastructure, spawnComponent, stopChildren, waitReady } from '../distributed-processes.ts';

const NAMES = ['catalogue', 'guidance', 'licencing', 'availability', 'gateway'] as const;
type Name = (typeof NAMES)[number];

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
  const infrastructure = await isolatedInfrastructure(tag);
  const ports = Object.fromEntries(await Promise.all(NAMES.map(async (name) => [name, await freePort()]))) as Record<Name, number>;
  const urls = Object.fromEntries(NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as Record<Name, string>;
  const secret = randomBytes(32).toString('hex');
  const env = {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: infrastructure.databaseUrl,
    AMQP_URL: infrastructure.amqpUrl,
    TOKEN_SECRET: secret,
    CATALOGUE_URL: urls.catalogue,
    GUIDANCE_URL: urls.guidance,
    LICENCING_URL: urls.licencing,
    AVAILABILITY_URL: urls.availability,
    GATEWAY_RATE_LIMIT: '0',
  };
  const children: ChildProcess[] = [];
  const cleanUp = async () => {
    await stopChildren(children);
    await infrastructure.drop();
  };
  try {
    // Domain services first (the feeds availability catches up from), then the readers.
    for (const group of [
      ['catalogue', 'guidance', 'licencing'],
      ['availability', 'gateway'],
    ] as const) {
      const started = group.map((name) => spawnComponent(name, { ...env, PORT: String(ports[name]) }));
      children.push(...started);
      await Promise.all(group.map((name, i) => waitReady(urls[name], started[i]!)));
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
