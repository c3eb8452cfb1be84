import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { issueToken } from '#platform/auth/tokens';
import { startVarnish, type RunningVarnish } from '../../edge/varnish/varnish-process.ts';
import { freePort, isolatedInfrastructure, spawnComponent, stopChildren, waitReady } from '../distributed-processes.ts';

const NAMES = ['catalogue', 'guidance', 'licencing', 'availability', 'gateway', 'today', 'invalidator'] as const;
type Name = (typeof NAMES)[number];

export interface DistributedEdgePlatform {
  /** Every component's origin; `today` is a second gateway nothing but the baseline reads, as clients read it now (no edge). */
  readonly urls: Readonly<Record<Name, string>>;
  readonly varnish: RunningVarnish;
  readonly token: string;
  stop(): Promise<void>;
}

/**
 * The distributed mode on this machine, isolated for a benchmark: every component in its own
 * process on the local PostgreSQL (a database of its own) and RabbitMQ (a vhost of its own, so
 * the fixed queue names `availability` and `edge-invalidator` meet no one else's), Debian's
 * varnishd with the repository's VCL in front, and the invalidator purging it.
 */
export const startDistributedEdgePlatform = async (): Promise<DistributedEdgePlatform> => {
  const tag = `edge_bench_${process.pid}`;
  const infrastructure = await isolatedInfrastructure(tag);
  const ports = Object.fromEntries(await Promise.all(NAMES.map(async (name) => [name, await freePort()]))) as Record<Name, number>;
  const urls = Object.fromEntries(NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as Record<Name, string>;
  const varnishPort = await freePort();
  const secret = randomBytes(32).toString('hex');
  const env = {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: infrastructure.databaseUrl,
    AMQP_URL: infrastructure.amqpUrl,
    TOKEN_SECRET: secret,
    PLATFORMS: 'ios,android,web',
    CATALOGUE_URL: urls.catalogue,
    GUIDANCE_URL: urls.guidance,
    LICENCING_URL: urls.licencing,
    AVAILABILITY_URL: urls.availability,
    VARNISH_URL: `http://127.0.0.1:${varnishPort}`,
    GATEWAY_RATE_LIMIT: '0',
    // Both gateways (behind the edge, and `today`'s read directly) wait up to 2 s for a part and
    // 5 s in all, not 0.4 s and 1.5 s: on this shared 2-core machine (load 20 to 30 at times)
    // the defaults time out and answer from stale parts, which measures the machine's
    // overload, not the path from an editor's command to the client.
    GATEWAY_UPSTREAM_TIMEOUT_MS: process.env.EDGE_BENCH_UPSTREAM_TIMEOUT_MS ?? '2000',
    GATEWAY_DEADLINE_MS: process.env.EDGE_BENCH_DEADLINE_MS ?? '5000',
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
      ['availability', 'gateway', 'today'],
    ] as const) {
      for (const name of group) {
        const child = spawnComponent(name === 'today' ? 'gateway' : name, { ...env, PORT: String(ports[name]) });
        children.push(child);
      }
      await Promise.all(group.map((name, i) => waitReady(urls[name], children[children.length - group.length + i]!)));
    }
    const varnish = await startVarnish({
      origins: {
        gateway: urls.gateway,
        catalogue: urls.catalogue,
        guidance: urls.guidance,
        licencing: urls.licencing,
        availability: urls.availability,
      },
      port: varnishPort,
    });
    const invalidator = spawnComponent('invalidator', { ...env, PORT: String(ports.invalidator) });
    children.push(invalidator);
    await waitReady(urls.invalidator, invalidator);
    const token = await issueToken(
      { secret, issuer: 'vod-platform', audience: 'vod-editors' },
      ['catalogue:write', 'guidance:write', 'licencing:write'],
      'edge-bench',
      '1h',
    );
    return {
      urls,
      varnish,
      token,
      async stop() {
        await varnish.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
};
