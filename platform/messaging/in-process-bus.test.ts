import test from 'ava';
import { silentLogger } from '../lifecycle/logger.ts';
import { eventually } from '../testing/eventually.ts';
import { InvalidEventError } from './event-bus.ts';
import { newEvent } from './event-envelope.ts';
import { createInProcessBus } from './in-process-bus.ts';

const event = (n: number) => ({
  ...newEvent({
    source: '/guidance',
    type: 'guidance.episode.guidance-set',
    subject: `/guidance/episodes/${n}`,
    version: 1,
    data: { episodeId: n },
  }),
  position: n,
});

test('an event its handler finds invalid is dead-lettered after one attempt; a failing one after maxAttempts', async (t) => {
  const bus = createInProcessBus({ logger: silentLogger(), maxAttempts: 3 });
  t.teardown(() => bus.close());
  const attempts = new Map<number, number>();
  await bus.subscribe({
    consumer: 'test',
    patterns: ['guidance.#'],
    handle: async (e) => {
      const { episodeId } = e.data as { episodeId: number };
      attempts.set(episodeId, (attempts.get(episodeId) ?? 0) + 1);
      throw episodeId === 1 ? new InvalidEventError('data.restricted: expected boolean') : new Error('store down');
    },
  });
  await bus.publish(event(1));
  await bus.publish(event(2));
  await eventually(() => bus.deadLetters.length === 2, { description: 'both dead-lettered' });
  t.deepEqual([attempts.get(1), attempts.get(2)], [1, 3]);
});
