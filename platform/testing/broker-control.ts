import { execFile } from 'node:child_process';
import type { ExecutionContext } from 'ava';
import { promisify } from 'node:util';
import { requireRabbitMq, servicesRequired } from './rabbitmq.ts';

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

/**
 * A chaos test's guard: true when RabbitMQ is reachable and `rabbitmqctl` can drive it. Otherwise
 * the test skips loudly, or fails under REQUIRE_SERVICES=1; the caller returns at once.
 */
export const requireBrokerControl = async (t: ExecutionContext): Promise<boolean> => {
  if (!(await requireRabbitMq(t))) return false;
  if (await canControlBroker()) return true;
  if (servicesRequired()) t.fail('rabbitmqctl cannot reach the local broker (REQUIRE_SERVICES=1)');
  else t.log('SKIPPED: rabbitmqctl cannot reach the local broker');
  t.pass();
  return false;
};
