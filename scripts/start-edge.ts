import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '../deploy/node-flags.ts';
import { DEFAULT_PORTS } from '../deploy/ports.ts';
import { oneOrigin, type BackendOrigins } from '../edge/varnish/backends.ts';
import { startVarnish } from '../edge/varnish/varnish-process.ts';

/**
 * `npm run start:edge`: Debian's Varnish with the repository's VCL in front of the platform, and
 * the invalidator that purges it, in one command.
 * - Without AMQP_URL: the whole embedded platform (as `npm start`, on PORT, default 3000) with
 *   its invalidator on the in-process bus, behind Varnish on EDGE_PORT (default 8080).
 * - With AMQP_URL: in front of the distributed platform already running (`npm run
 *   start:distributed`: the gateway and each service on its default port, or *_URL), plus the
 *   invalidator in its own process on its own durable queue.
 * Ctrl-C stops all of it.
 */
const edgePort = Number(process.env.EDGE_PORT ?? 8080);
const varnishUrl = `http://127.0.0.1:${edgePort}`;
const distributed = Boolean(process.env.AMQP_URL);
const local = (name: keyof typeof DEFAULT_PORTS) => `http://127.0.0.1:${DEFAULT_PORTS[name]}`;
const origins: BackendOrigins = distributed
  ? {
      gateway: process.env.GATEWAY_URL ?? local('gateway'),
      catalogue: process.env.CATALOGUE_URL ?? local('catalogue'),
      guidance: process.env.GUIDANCE_URL ?? local('guidance'),
      licencing: process.env.LICENCING_URL ?? local('licencing'),
      availability: process.env.AVAILABILITY_URL ?? local('availability'),
    }
  : oneOrigin(`http://127.0.0.1:${process.env.PORT ?? 3000}`);

const node = (args: readonly string[], env: Record<string, string | undefined>): ChildProcess =>
  spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

const child = distributed
  ? node(['deploy/one-service.ts', 'invalidator'], {
      VARNISH_URL: varnishUrl,
      AVAILABILITY_URL: origins.availability,
      PORT: process.env.INVALIDATOR_PORT ?? String(DEFAULT_PORTS.invalidator),
    })
  : node(['deploy/all-in-one.ts'], { VARNISH_URL: varnishUrl });
const varnish = await startVarnish({ origins, port: edgePort });
console.log(
  `\nVarnish (edge/vcl/vod.vcl) on ${varnishUrl}, in front of ${distributed ? 'the running distributed platform' : origins.gateway}; the invalidator purges it from the update events.`,
);
console.log(`  curl -si '${varnishUrl}/availability/episodes?platform=ios&q=downton' | grep -i x-cache`);
console.log(`  varnishstat -n ${varnish.workdir} -1 -f MAIN.cache_hit -f MAIN.cache_miss\n`);

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) child.kill('SIGTERM');
  await varnish.stop();
  if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  process.exit(code);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
child.once('exit', (code) => void stop(code ?? 1));
