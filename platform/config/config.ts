import { z } from 'zod';

const optionalUrl = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    });

const list = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).min(1));

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/**
 * The token secret a fresh clone runs with. It is public (it is in this repository), so it is
 * accepted only in the embedded laptop mode: assertProductionSecret refuses it under NODE_ENV=production,
 * and a component in its own process refuses it (deploy/distributed-requirements.ts).
 */
export const DEFAULT_TOKEN_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

/**
 * Every environment variable the platform reads, with its default. README.md lists the same
 * table; a test keeps the two (and docker-compose.yml) in step.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  AMQP_URL: optionalUrl(['amqp://', 'amqps://']),
  AMQP_EXCHANGE: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,127}$/)
    .default('vod.events'),
  MONGODB_URL: optionalUrl(['mongodb://', 'mongodb+srv://']),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('availability'),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEFAULT_TOKEN_SECRET),
  TOKEN_ISSUER: z.string().min(1).default('vod-platform'),
  TOKEN_AUDIENCE: z.string().min(1).default('vod-editors'),
  PLATFORMS: list.default(['ios', 'android', 'samsung', 'web']),
  DEMO_DATA: flag.default(true),
  CATALOGUE_URL: optionalUrl(['http://', 'https://']),
  GUIDANCE_URL: optionalUrl(['http://', 'https://']),
  LICENCING_URL: optionalUrl(['http://', 'https://']),
  AVAILABILITY_URL: optionalUrl(['http://', 'https://']),
  VARNISH_URL: optionalUrl(['http://', 'https://']),
});

export type Config = z.output<typeof configSchema>;

/** Raised at start with one line per bad variable, naming it; the process exits with it. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The line that refuses the public default secret, naming why it was refused here. */
export const defaultSecretRefused = (where: string): string =>
  `TOKEN_SECRET: the built-in default is for the embedded laptop mode only; set your own (32+ characters, e.g. openssl rand -hex 32) ${where}`;

/** Reads and validates the configuration from an environment (default `process.env`). */
export const readConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
};

/**
 * Refuses the public default TOKEN_SECRET under NODE_ENV=production in a process that verifies
 * editors' tokens (anyone could sign with it); a process that verifies none (the gateway alone)
 * does not need a secret at all.
 */
export const assertProductionSecret = (config: Config, verifiesTokens: boolean): void => {
  if (verifiesTokens && config.NODE_ENV === 'production' && config.TOKEN_SECRET === DEFAULT_TOKEN_SECRET)
    throw new ConfigError([defaultSecretRefused('when NODE_ENV=production')]);
};
