import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .refine((v) => v === undefined || /^https?:\/\/[^/]+$/.test(v.replace(/\/$/, '')), {
    message: 'must be an http(s) origin such as http://catalogue:3000',
  });

const origins = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^(\*|null|https?:\/\/[^/\s]+)$/, 'must be *, null or an origin such as https://tv.example.com')));

const appLimits = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z][a-z0-9-]{1,31}=\d{1,9}$/, 'must be app=limit pairs such as samsung-tv=3000,ios=6000')))
  .transform((pairs) =>
    pairs.length === 0
      ? undefined
      : (Object.fromEntries(pairs.map((pair) => [pair.split('=')[0]!, Number(pair.split('=')[1])])) as Record<string, number>),
  );

const whole = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The gateway's environment variables. Read here rather than in platform/config so the gateway
 * stays deployable on its own; the composition root passes the result to createGateway.
 */
export const gatewayConfigSchema = z.object({
  AVAILABILITY_URL: optionalUrl,
  CATALOGUE_URL: optionalUrl,
  GUIDANCE_URL: optionalUrl,
  LICENCING_URL: optionalUrl,
  GATEWAY_CORS_ORIGINS: origins,
  GATEWAY_RATE_LIMIT: whole(0, 1_000_000, 600),
  GATEWAY_APP_RATE_LIMITS: appLimits,
  GATEWAY_API_KEYS_FILE: z.string().trim().min(1).optional(),
  GATEWAY_UPSTREAM_TIMEOUT_MS: whole(10, 60_000, 400),
  GATEWAY_DEADLINE_MS: whole(50, 120_000, 1_500),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Where the operator's API keys live: `GATEWAY_API_KEYS_FILE`, else beside the embedded stores. */
export const apiKeysFile = (env: Record<string, string | undefined>, configured = env.GATEWAY_API_KEYS_FILE) =>
  configured ?? `${(env.DATA_DIR ?? './data').replace(/\/$/, '')}/gateway-api-keys.json`;

/** The settings createGateway takes from the environment, every upstream defaulting to `ownOrigin`. */
export const readGatewayConfig = (ownOrigin: string, env: Record<string, string | undefined> = process.env) => {
  const result = gatewayConfigSchema.safeParse(env);
  if (!result.success)
    throw new Error(
      `invalid gateway configuration:\n${result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  const c = result.data;
  const origin = (url: string | undefined) => (url ?? ownOrigin).replace(/\/$/, '');
  const urls = { availability: c.AVAILABILITY_URL, catalogue: c.CATALOGUE_URL, guidance: c.GUIDANCE_URL, licencing: c.LICENCING_URL };
  return {
    /** Upstreams given no URL: served by this very process, when the composition root mounts them here. */
    unconfigured: (Object.keys(urls) as (keyof typeof urls)[]).filter((name) => urls[name] === undefined),
    upstreams: {
      availability: origin(c.AVAILABILITY_URL),
      catalogue: origin(c.CATALOGUE_URL),
      guidance: origin(c.GUIDANCE_URL),
      licencing: origin(c.LICENCING_URL),
    },
    corsOrigins: c.GATEWAY_CORS_ORIGINS,
    rateLimit: { perMinute: c.GATEWAY_RATE_LIMIT, perApp: c.GATEWAY_APP_RATE_LIMITS },
    apiKeysFile: apiKeysFile(env, c.GATEWAY_API_KEYS_FILE),
    upstreamTimeoutMs: c.GATEWAY_UPSTREAM_TIMEOUT_MS,
    deadlineMs: c.GATEWAY_DEADLINE_MS,
  };
};
