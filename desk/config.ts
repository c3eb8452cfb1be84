import { z } from 'zod';

const optionalUrl = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : v.replace(/\/$/, '')))
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: `must be an http(s) URL, ${what}` });

/**
 * The desk's environment variables (README "Editors' desk"). Without `DESK_OIDC_ISSUER` the
 * platform starts its own OpenID provider at `<DESK_PUBLIC_URL>/oidc` with demo editors.
 */
export const deskConfigSchema = z.object({
  GATEWAY_URL: optionalUrl("the gateway the desk reads each platform's answer from, when it runs in a process of its own"),
  DESK_PUBLIC_URL: optionalUrl('the origin browsers reach the desk on, such as https://desk.example.com'),
  DESK_OIDC_ISSUER: optionalUrl("the OpenID provider's issuer, such as https://login.example.com/realms/vod"),
  DESK_OIDC_CLIENT_ID: z.string().trim().min(1).default('vod-desk'),
  DESK_OIDC_CLIENT_SECRET: z.string().min(1).default('dev-only-desk-client-secret-change-me'),
  DESK_OIDC_ROLES_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/, 'must be a claim name or a dotted path such as realm_access.roles')
    .default('roles'),
  DESK_OIDC_SCOPES: z.string().trim().default('openid profile roles'),
});

export type DeskConfig = z.output<typeof deskConfigSchema>;

/** Reads the desk's variables; throws naming each bad one. */
export const readDeskConfig = (env: Record<string, string | undefined> = process.env): DeskConfig => {
  const result = deskConfigSchema.safeParse(env);
  if (!result.success)
    throw new Error(`invalid desk configuration:\n${result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return result.data;
};
