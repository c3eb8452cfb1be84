import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';
import { silentLogger } from '../lifecycle/logger.ts';
import { eventually } from '../testing/eventually.ts';
import { cleanUpRabbitMq, rabbitUrl, requireRabbitMq, uniqueName } from '../testing/rabbitmq.ts';
import { InvalidEventError } from './event-bus.ts';
import { newEvent, type EventEnvelope } from './event-envelope.ts';
import { createRabbitMqBus } from './rabbitmq-bus.ts';

const run = promisify(execFile);

const episodeEvent = (n: number): EventEnvelope => ({
  ...newEvent({
    source: '/guidance',
    type: 'guidance.episode.guidance-set',
    subject: `/guidance/episodes/${n}`,
    version: 1,
    data: { episodeId: n },
  }),
  position: n + 1,
});

test('a poison message is dead-lettered after the retry limit while the 1,000 behind it arrive, then replayed with npm run dlq once fixed', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('poison-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  const bus = await createRabbitMqBus({ url: rabbitUrl(), exchange, logger: silentLogger(), maxAttempts: 4, retryDelayMs: 50 });
  t.teardown(() => bus.close());
  await bus.waitForConnection(5000);

  let fixed = false;
  let poisonAttempts = 0;
  const handled = new Set<number>();
  await bus.subscribe({
    consumer,
    patterns: ['guidance.episode.*'],
    handle: async (event) => {
      const { episodeId } = event.data as { episodeId: number };
      if (episodeId === 0) {
        poisonAttempts += 1;
        if (!fixed) throw new Error('episode 0 breaks the projection');
      }
      handled.add(episodeId);
    },
  });

  const poison = episodeEvent(0);
  await bus.publish(poison);
  await Promise.all(Array.from({ length: 1000 }, (_, i) => bus.publish(episodeEvent(i + 1))));

  await eventually(() => handled.size === 1000, { timeoutMs: 20_000, description: 'the 1,000 good events handled' });
  await eventually(
    async () => {
      const queues = (await bus.status()).consumers as Record<string, { deadLettered: number }>;
      return queues[consumer]?.deadLettered === 1;
    },
    { timeoutMs: 10_000, description: 'the poison message dead-lettered' },
  );
  t.is(poisonAttempts, 4, 'tried maxAttempts times');
  t.false(handled.has(0));

  fixed = true;
  const env = { ...process.env, AMQP_URL: rabbitUrl(), AMQP_EXCHANGE: exchange };
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import=tsx', 'scripts/dlq.ts', ...args], { env, cwd: new URL('../..', import.meta.url).pathname });
  const listed = await cli('list', consumer);
  t.regex(listed.stdout, new RegExp(`${poison.id}\\tguidance.episode.guidance-set\\tretries=4\\tepisode 0 breaks the projection`));
  const shown = await cli('show', consumer, poison.id);
  t.is(JSON.parse(shown.stdout).body.id, poison.id);
  const replayed = await cli('replay', consumer, poison.id);
  t.regex(replayed.stdout, /replayed 1 message/);

  await eventually(() => handled.has(0), { description: 'the replayed event took effect' });
  const queues = (await bus.status()).consumers as Record<string, { deadLettered: number }>;
  t.is(queues[consumer]?.deadLettered, 0);
});

test('an event whose payload the handler finds invalid is dead-lettered at once, not retried', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const exchange = uniqueName('test.events');
  const consumer = uniqueName('invalid-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  const bus = await createRabbitMqBus({ url: rabbitUrl(), exchange, logger: silentLogger(), maxAttempts: 5, retryDelayMs: 50 });
  t.teardown(() => bus.close());
  await bus.waitForConnection(5000);

  let attempts = 0;
  const handled = new Set<number>();
  await bus.subscribe({
    consumer,
    patterns: ['guidance.episode.*'],
    handle: async (event) => {
      const { episodeId } = event.data as { episodeId: number };
      if (episodeId === 0) {
        attempts += 1;
        throw new InvalidEventError('data.restricted: expected boolean');
      }
      handled.add(episodeId);
    },
  });
  await bus.publish(episodeEvent(0));
  await bus.publish(episodeEvent(1));
  await eventually(
    async () => {
      const queues = (await bus.status()).consumers as Record<string, { deadLettered: number }>;
      return queues[consumer]?.deadLettered === 1 && handled.has(1);
    },
    { timeoutMs: 20_000, description: 'the invalid event dead-lettered and the next one handled' },
  );
  t.is(attempts, 1, 'tried once: it would fail the same way every time');
});
