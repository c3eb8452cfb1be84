import { ConfigError, DEFAULT_TOKEN_SECRET, defaultSecretRefused } from '#platform/config/config';
import type { ComponentName } from './compose-platform.ts';

const DOMAIN = ['DATABASE_URL', 'AMQP_URL', 'TOKEN_SECRET'] as const;
const UPSTREAMS = ['CATALOGUE_URL', 'GUIDANCE_URL', 'LICENCING_URL'] as const;

/**
 * What each component cannot do without when it runs in its own process. Alone, a default is
 * wrong rather than merely unoptimised: a domain service on PGlite and the in-process bus would
 * commit events no other process ever sees, and availability or the gateway would call
 * themselves for data they do not hold. A component that verifies editors' tokens needs its own
 * TOKEN_SECRET: the built-in one is public, for the embedded laptop mode only. (An in-memory projection stays legitimate for one
 * availability process; scaling it out needs MONGODB_URL, which docker-compose.yml sets.)
 * `deploy/one-service.ts` refuses to start without them, and docker-compose.yml is tested to set them.
 */
export const DISTRIBUTED_REQUIREMENTS: Record<ComponentName, readonly string[]> = {
  catalogue: DOMAIN,
  guidance: DOMAIN,
  licencing: DOMAIN,
  availability: ['AMQP_URL', 'TOKEN_SECRET', ...UPSTREAMS],
  gateway: ['AVAILABILITY_URL', ...UPSTREAMS],
  invalidator: ['AMQP_URL', 'VARNISH_URL', 'AVAILABILITY_URL'],
  // The desk signs each editor's token (TOKEN_SECRET) and follows changes through the gateway.
  desk: ['TOKEN_SECRET', 'GATEWAY_URL', 'AVAILABILITY_URL', ...UPSTREAMS],
};

/** Throws a ConfigError naming every required variable that is unset or empty. */
export const assertDistributedRequirements = (name: ComponentName, env: Record<string, string | undefined>): void => {
  const missing = DISTRIBUTED_REQUIREMENTS[name].filter((variable) => !env[variable]?.trim());
  const problems = missing.map((variable) => `${variable}: required when ${name} runs in its own process`);
  if (DISTRIBUTED_REQUIREMENTS[name].includes('TOKEN_SECRET') && env.TOKEN_SECRET === DEFAULT_TOKEN_SECRET)
    problems.push(defaultSecretRefused(`when ${name} runs in its own process`));
  if (problems.length > 0) throw new ConfigError(problems);
};
