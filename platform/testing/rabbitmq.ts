import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import type { ExecutionContext } from 'ava';

/** The broker integration tests use: `AMQP_URL`, else the local default. */
export const rabbitUrl = (): string => process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Whether an absent server fails the test (CI sets `REQUIRE_SERVICES=1`) instead of skipping it. */
export const servicesRequired = (): boolean => process.env.REQUIRE_SERVICES === '1' || process.env.REQUIRE_SERVICES === 'true';

/** A name no other test (or run) uses, so tests can share one broker or database concurrently. */
export const uniqueName = (prefix: string): string => `${prefix}_${randomUUID().slice(0, 8)}`;

const probes = new Map<string, Promise<string | undefined>>();

const probe = (key: string, check: () => Promise<void>): Promise<string | undefined> => {
  let result = probes.get(key);
  if (!result) {
    result = check().then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    probes.set(key, result);
  }
  return result;
};

const ensure = async (t: ExecutionContext, what: string, url: string, problem: string | undefined): Promise<boolean> => {
  if (!problem) return true;
  const message = `${what} is not reachable at ${url.replace(/\/\/[^@]*@/, '//***@')}: ${problem}`;
  if (servicesRequired()) {
    t.fail(`${message} (REQUIRE_SERVICES=1)`);
    return false;
  }
  t.log(`SKIPPED: ${message}. Start it, or set REQUIRE_SERVICES=1 to make this a failure.`);
  t.pass();
  return false;
};

/**
 * Resolves true when RabbitMQ answers. Otherwise logs loudly and passes the test (skip), or
 * fails it when services are required. Call first and `return` when it is false:
 * `if (!(await requireRabbitMq(t))) return;`
 */
export const requireRabbitMq = async (t: ExecutionContext): Promise<boolean> => {
  const url = rabbitUrl();
  const problem = await probe(`amqp ${url}`, async () => {
    const connection = await connect(url, { timeout: 2000 });
    await connection.close();
  });
  return ensure(t, 'RabbitMQ', url, problem);
};

/**
 * Deletes, after the test, the exchange and every consumer's queues (work, retry, dead-letter)
 * it declared, so repeated runs leave the broker as they found it.
 */
export const cleanUpRabbitMq = (
  t: ExecutionContext,
  names: { readonly exchange?: string; readonly consumers?: readonly string[] },
): void => {
  t.teardown(async () => {
    const connection = await connect(rabbitUrl(), { timeout: 2000 });
    try {
      const channel = await connection.createChannel();
      for (const consumer of names.consumers ?? []) {
        for (const queue of [consumer, `${consumer}.retry`, `${consumer}.dlq`]) await channel.deleteQueue(queue);
      }
      if (names.exchange) await channel.deleteExchange(names.exchange);
      await channel.close();
    } finally {
      await connection.close();
    }
  });
};
