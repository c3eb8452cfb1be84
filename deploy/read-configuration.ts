import { ConfigError, readConfig, type Config } from '#platform/config/config';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { deskConfigSchema } from '../desk/config.ts';

type Env = Record<string, string | undefined>;

/**
 * Validates every variable a process may read, the platform's and the gateway's, before anything
 * starts, and reports all the bad ones at once in one ConfigError naming each: an operator fixes
 * a deployment in one go rather than one restart per variable.
 */
export const readConfiguration = (env: Env = process.env): Config => {
  const problems: string[] = [];
  let config: Config | undefined;
  try {
    config = readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const gateway = gatewayConfigSchema.safeParse(env);
  if (!gateway.success) problems.push(...gateway.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const desk = deskConfigSchema.safeParse(env);
  if (!desk.success) problems.push(...desk.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  if (problems.length > 0 || !config) throw new ConfigError([...new Set(problems)]);
  return config;
};
