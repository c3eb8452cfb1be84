import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { issueToken } from '#platform/auth/tokens';
import { readConfiguration } from '../deploy/read-configuration.ts';
import { createLogger } from '#platform/lifecycle/logger';
import { COMPONENT_NAMES } from '../deploy/compose-platform.ts';
import { loadDemoOnce } from '../deploy/demo/load-demo-data.ts';
import { SERVER_NODE_FLAGS } from '../deploy/node-flags.ts';
import { DEFAULT_PORTS } from '../deploy/ports.ts';

/**
 * `npm run start:distributed`: every component in its own process on this machine, against the
 * local PostgreSQL (database `vod`, created when missing, one schema per service) and RabbitMQ,
 * printing where each listens; loads the demo catalogue on a first start. Ctrl-C stops them all.
 * A component in its own process refuses the public default TOKEN_SECRET, so without one this
 * run makes its own and prints it, for `npm run token`.
 */
const generatedSecret = process.env.TOKEN_SECRET ? undefined : randomBytes(32).toString('hex');
const env = {
  ...process.env,
  TOKEN_SECRET: process.env.TOKEN_SECRET || generatedSecret,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vod',
  AMQP_URL: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
  CATALOGUE_URL: `http://127.0.0.1:${DEFAULT_PORTS.catalogue}`,
  GUIDANCE_URL: `http://127.0.0.1:${DEFAULT_PORTS.guidance}`,
  LICENCING_URL: `http://127.0.0.1:${DEFAULT_PORTS.licencing}`,
  AVAILABILITY_URL: `http://127.0.0.1:${DEFAULT_PORTS.availability}`,
  // The desk's own process reads the gateway; the gateway's /desk redirects browsers to it.
  GATEWAY_URL: `http://127.0.0.1:${DEFAULT_PORTS.gateway}`,
  DESK_PUBLIC_URL: process.env.DESK_PUBLIC_URL ?? `http://127.0.0.1:${DEFAULT_PORTS.desk}`,
};
const config = readConfiguration(env);
const logger = createLogger('start-distributed', config.LOG_LEVEL);

const ensureDatabase = async (url: string) => {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
};

const waitReady = async (url: string, deadline: number) => {
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become ready`);
};

await ensureDatabase(env.DATABASE_URL);
// The edge invalidator runs only where there is an edge to purge (VARNISH_URL; see `npm run start:edge`).
const names = COMPONENT_NAMES.filter((name) => name !== 'invalidator' || config.VARNISH_URL);
const children: ChildProcess[] = names.map((name) =>
  spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/deploy/one-service.js', name], {
    env: { ...env, PORT: String(DEFAULT_PORTS[name]) },
    stdio: ['ignore', 'inherit', 'inherit'],
  }),
);
// Every signal, not the first only: Ctrl-C may arrive twice (the terminal's group, then npm's
// forward), and a second one must not kill this script while its children still drain.
const stopAll = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
for (const child of children) child.once('exit', (code) => code && code !== 0 && logger.error({ code }, 'a component exited'));

const deadline = Date.now() + 60_000;
await Promise.all(names.map((name) => waitReady(`http://127.0.0.1:${DEFAULT_PORTS[name]}`, deadline)));
if (config.DEMO_DATA) {
  const token = await issueToken(
    { secret: config.TOKEN_SECRET, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ['catalogue:write', 'guidance:write', 'licencing:write'],
    'demo-loader',
    '1h',
  );
  await loadDemoOnce(
    { catalogue: env.CATALOGUE_URL, guidance: env.GUIDANCE_URL, licencing: env.LICENCING_URL, token },
    { dataDir: config.DATA_DIR, logger },
  );
}
console.log('\nVOD platform running, one process per component:');
const entry: Partial<Record<(typeof names)[number], string>> = {
  gateway: 'vod/ios/episodes',
  desk: 'desk   (editors sign in here; demo editors, password demo)',
};
for (const name of names) console.log(`  ${name.padEnd(12)} http://127.0.0.1:${DEFAULT_PORTS[name]}/${entry[name] ?? name}`);
if (generatedSecret)
  console.log(`  tokens       TOKEN_SECRET=${generatedSecret} npm run --silent token -- <role>...   (made for this run)`);
console.log(`  bus          ${env.AMQP_URL.replace(/\/\/[^@]*@/, '//')}\n  databases    ${env.DATABASE_URL.replace(/\/\/[^@]*@/, '//')}\n`);
