import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs `rabbitmqctl` against the local node, for chaos tests that restart the broker or cut
 * its connections. Only `*.chaos.test.ts` files call it: they run serially, alone.
 */
export const rabbitmqctl = async (...args: string[]): Promise<string> => {
  const { stdout } = await run('rabbitmqctl', args, { timeout: 60_000 });
  return stdout;
};

/** Whether `rabbitmqctl` can reach a local node; chaos tests skip loudly without it. */
export const canControlBroker = async (): Promise<boolean> => {
  try {
    await rabbitmqctl('status');
    return true;
  } catch {
    return false;
  }
};
