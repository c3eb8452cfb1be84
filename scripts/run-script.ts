import { ConfigError } from '#platform/config/config';

/** Codes that mean "nothing answers there", wherever in the cause chain they sit. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'host lookup failed',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
};

/** The first network error code in `error`, its causes and (for an AggregateError) its parts. */
const networkCode = (error: unknown, depth = 0): string | undefined => {
  if (!(error instanceof Error) || depth > 5) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  if (code && code in UNREACHABLE) return code;
  const parts = error instanceof AggregateError ? error.errors : [];
  for (const inner of [error.cause, ...parts]) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
};

/**
 * What an operator reads when a script fails: a bad variable is named (one line each), a server
 * that does not answer is named with its address and why, anything else is its message on one
 * line. Never a stack trace: the script's own code is not what went wrong.
 */
export const describeFailure = (script: string, error: unknown, target?: string): string => {
  if (error instanceof ConfigError) return `${script}: ${error.problems.join('; ')}`;
  const code = networkCode(error);
  if (code) return `${script}: cannot reach ${target ?? 'the server'} (${UNREACHABLE[code]}): is it running, and is the address right?`;
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error instanceof Error ? `${error.message}${cause}` : String(error);
  return `${script}: ${message.replace(/\s*\n\s*/g, ' ').slice(0, 500)}`;
};

/**
 * Runs a script's main and, when it fails, prints describeFailure's one line and exits 1.
 * `target` names the address the script was talking to when it failed, for the message.
 */
export const runScript = (script: string, main: () => Promise<void>, target: () => string | undefined = () => undefined): void => {
  main().catch((error: unknown) => {
    console.error(describeFailure(script, error, target()));
    process.exit(1);
  });
};
