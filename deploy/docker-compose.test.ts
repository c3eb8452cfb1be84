import { readFile } from 'node:fs/promises';
import test from 'ava';
import { load } from 'js-yaml';
import { assertProductionSecret, configSchema } from '#platform/config/config';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { deskConfigSchema } from '../desk/config.ts';
import { COMPONENT_NAMES, verifiesTokens } from './compose-platform.ts';
import { DISTRIBUTED_REQUIREMENTS } from './distributed-requirements.ts';
import { DEFAULT_PORTS } from './ports.ts';
import { readConfiguration } from './read-configuration.ts';

/**
 * There is no Docker engine here, so docker-compose.yml is checked against the code that will
 * read it: every variable a container sets is one the configuration schemas know, every value
 * passes them, and each component gets what it needs in its own process.
 */
interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = load(await readFile(new URL('../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const known = new Set([
  ...Object.keys(configSchema.shape),
  ...Object.keys(gatewayConfigSchema.shape),
  ...Object.keys(deskConfigSchema.shape),
]);
/** What the operator must set (`${NAME:?message}`), as this test sets it. */
const operatorSet: Record<string, string> = { TOKEN_SECRET: 'an-operator-chosen-secret-0123456789abcdef' };
/** `${NAME:-default}` as Compose resolves it with NAME unset; `${NAME:?message}` with NAME set by the operator. */
const interpolate = (value: string | number) =>
  String(value)
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
    .replace(/\$\{([A-Z_]+):\?[^}]*\}/g, (_, name: string) => operatorSet[name] ?? '');
const envOf = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(compose.services[name]?.environment ?? {}).map(([k, v]) => [k, interpolate(v)]));

test('every component runs in its own container from the one Dockerfile with the compiled one-service.js', (t) => {
  for (const name of COMPONENT_NAMES) {
    const service = compose.services[name];
    if (!service) return t.fail(`${name} is missing from docker-compose.yml`);
    t.is(service.build, '.', `${name} builds from the one Dockerfile`);
    t.deepEqual(service.command, ['node', 'dist/deploy/one-service.js', name]);
  }
  for (const infrastructure of ['rabbitmq', 'mongodb', 'postgres'])
    t.truthy(compose.services[infrastructure]?.healthcheck, `${infrastructure} has a health check`);
  t.regex(compose.services.rabbitmq?.image ?? '', /management/, 'RabbitMQ comes with its management UI');
});

test('every variable a container sets is one the configuration schemas read', (t) => {
  for (const name of COMPONENT_NAMES) {
    const unknown = Object.keys(envOf(name)).filter((variable) => !known.has(variable));
    t.deepEqual(unknown, [], `${name} sets variables no schema reads`);
  }
});

test("every container's environment passes validation and holds what its component requires", (t) => {
  for (const name of COMPONENT_NAMES) {
    const env = envOf(name);
    t.notThrows(
      () => assertProductionSecret(readConfiguration({ ...env, NODE_ENV: 'production' }), verifiesTokens(name)),
      `${name}'s environment is valid in the image (NODE_ENV=production)`,
    );
    const missing = DISTRIBUTED_REQUIREMENTS[name].filter((variable) => !env[variable]);
    t.deepEqual(missing, [], `${name} lacks required variables`);
    t.is(env.PORT, String(DEFAULT_PORTS[name]), `${name} listens on its default port`);
  }
  t.truthy(envOf('availability').MONGODB_URL, 'availability shares one MongoDB projection, so it can be scaled out');
});

test('services that verify tokens share one secret, issuer and audience', (t) => {
  const settings = ['catalogue', 'guidance', 'licencing', 'availability'].map((name) => {
    const env = envOf(name);
    return [env.TOKEN_SECRET, env.TOKEN_ISSUER, env.TOKEN_AUDIENCE];
  });
  for (const each of settings) t.deepEqual(each, settings[0]);
  t.true((settings[0]?.[0] ?? '').length >= 32);
});

test("compose needs the operator's TOKEN_SECRET, and every component listens on all interfaces of its container", (t) => {
  for (const name of [...COMPONENT_NAMES, 'demo']) {
    const raw = compose.services[name]?.environment?.TOKEN_SECRET;
    if (raw !== undefined)
      t.regex(String(raw), /^\$\{TOKEN_SECRET:\?[^}]+\}$/, `${name} takes TOKEN_SECRET from the operator, with no default`);
  }
  for (const name of COMPONENT_NAMES) t.is(envOf(name).HOST, '0.0.0.0', `${name} is reachable from the other containers`);
});

test('component URLs name a compose service on the port it listens on', (t) => {
  const urls = {
    CATALOGUE_URL: 'catalogue',
    GUIDANCE_URL: 'guidance',
    LICENCING_URL: 'licencing',
    AVAILABILITY_URL: 'availability',
  } as const;
  for (const name of COMPONENT_NAMES) {
    for (const [variable, target] of Object.entries(urls)) {
      const value = envOf(name)[variable];
      if (value !== undefined) t.is(value, `http://${target}:${DEFAULT_PORTS[target]}`, `${name}'s ${variable}`);
    }
  }
});

test('components start after what they call is healthy, and report health on /health/ready', (t) => {
  const calls: Record<string, string[]> = {
    catalogue: ['postgres', 'rabbitmq'],
    guidance: ['postgres', 'rabbitmq'],
    licencing: ['postgres', 'rabbitmq'],
    availability: ['rabbitmq', 'mongodb', 'catalogue', 'guidance', 'licencing'],
    gateway: ['availability', 'catalogue', 'guidance', 'licencing'],
    invalidator: ['rabbitmq', 'availability', 'varnish'],
    desk: ['availability', 'catalogue', 'guidance', 'licencing', 'varnish'],
  };
  for (const name of COMPONENT_NAMES) {
    const service = compose.services[name]!;
    for (const dependency of calls[name]!)
      t.is(service.depends_on?.[dependency]?.condition, 'service_healthy', `${name} waits for ${dependency}`);
    t.regex(service.healthcheck?.test.join(' ') ?? '', /\/health\/ready/, `${name}'s health check asks readiness`);
  }
});

test('the Dockerfile compiles in a build stage and runs the output on Node.js 24 as a non-root user on a slim base', async (t) => {
  const dockerfile = await readFile(new URL('../Dockerfile', import.meta.url), 'utf8');
  t.regex(dockerfile, /FROM node:24-bookworm-slim AS build/);
  t.regex(dockerfile, /RUN npm ci/);
  t.regex(dockerfile, /RUN node scripts\/build\.mjs/);
  t.regex(dockerfile, /npm prune --omit=dev/);
  t.regex(dockerfile, /FROM node:24-bookworm-slim AS runtime/);
  // The embedded default runs PGlite: V8's baseline WebAssembly compiler only, set where Node 24 honours it.
  t.regex(dockerfile, /^CMD \["node", "--liftoff-only", "dist\/deploy\/all-in-one\.js"\]$/m);
  t.regex(dockerfile, /^USER node$/m);
});

test('the one-shot demo loader sets only known variables, signs like the services and waits for them', (t) => {
  const demo = compose.services.demo;
  if (!demo) return t.fail('demo is missing from docker-compose.yml');
  t.deepEqual(demo.command, ['node', 'dist/scripts/load-demo.js']);
  const env = envOf('demo');
  t.deepEqual(
    Object.keys(env).filter((variable) => !known.has(variable)),
    [],
  );
  t.notThrows(() => readConfiguration(env));
  for (const variable of ['TOKEN_SECRET', 'TOKEN_ISSUER', 'TOKEN_AUDIENCE'])
    t.is(env[variable], envOf('catalogue')[variable], `${variable} matches the services'`);
  t.is(env.CATALOGUE_URL, `http://catalogue:${DEFAULT_PORTS.catalogue}`);
  t.deepEqual(Object.keys(demo.depends_on ?? {}).sort(), ['catalogue', 'guidance', 'licencing']);
});

test('Varnish is the one public entry point, in front of every component that serves public reads', (t) => {
  const varnish = compose.services.varnish as ComposeService & { ports?: string[]; build?: { dockerfile?: string } };
  if (!varnish) return t.fail('varnish is missing from docker-compose.yml');
  t.deepEqual(varnish.ports, ['8080:80']);
  t.is(varnish.build?.dockerfile, 'edge/Dockerfile');
  for (const name of COMPONENT_NAMES.filter((n) => n !== 'desk'))
    t.is((compose.services[name] as { ports?: unknown }).ports, undefined, `${name} is reached through Varnish only`);
  for (const name of ['gateway', 'catalogue', 'guidance', 'licencing', 'availability'])
    t.is(varnish.depends_on?.[name]?.condition, 'service_healthy', `varnish waits for ${name}`);
  t.is(envOf('invalidator').VARNISH_URL, 'http://varnish:80');
});

test('the compose backends Varnish routes to are the compose services on their ports', async (t) => {
  const backends = await readFile(new URL('../edge/vcl/compose-backends.vcl', import.meta.url), 'utf8');
  for (const name of ['gateway', 'catalogue', 'guidance', 'licencing', 'availability'] as const) {
    t.regex(
      backends,
      new RegExp(`backend ${name} \\{\\s*\\.host = "${name}";\\s*\\.port = "${DEFAULT_PORTS[name]}";`),
      `${name}'s backend`,
    );
  }
  const dockerfile = await readFile(new URL('../edge/Dockerfile', import.meta.url), 'utf8');
  t.regex(dockerfile, /apt-get install -y[^\n]*varnish varnish-modules/);
});

test("the editors' desk is reached on its own port, where its sign-in comes back, and follows changes through the edge as the apps see them", (t) => {
  const desk = compose.services.desk as ComposeService & { ports?: string[] };
  t.deepEqual(desk.ports, [`${DEFAULT_PORTS.desk}:${DEFAULT_PORTS.desk}`]);
  t.is(
    envOf('desk').DESK_PUBLIC_URL,
    `http://localhost:${DEFAULT_PORTS.desk}`,
    'the public URL, the local issuer and the redirect URI name the published port',
  );
  t.is(envOf('gateway').DESK_PUBLIC_URL, envOf('desk').DESK_PUBLIC_URL, "the gateway's /desk redirects to it");
  t.is(envOf('desk').GATEWAY_URL, 'http://varnish:80');
  for (const variable of ['TOKEN_SECRET', 'TOKEN_ISSUER', 'TOKEN_AUDIENCE'])
    t.is(envOf('desk')[variable], envOf('catalogue')[variable], `the desk signs editors' tokens as the services check them (${variable})`);
});
