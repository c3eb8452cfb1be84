import test, { type ExecutionContext } from 'ava';
import { silentLogger } from '../lifecycle/logger.ts';
import type { EventBus } from '../messaging/event-bus.ts';
import { newEvent, type EventEnvelope } from '../messaging/event-envelope.ts';
import { freshPglite } from '../testing/pglite.ts';
import { eventually } from '../testing/eventually.ts';
import { appendEvents, outboxBacklog, outboxMigration } from './outbox.ts';
import { createOutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';

const fakeBus = (fails: (event: EventEnvelope, call: number) => boolean) => {
  const published: EventEnvelope[] = [];
  let calls = 0;
  const bus: EventBus = {
    async publish(event) {
      calls += 1;
      if (fails(event, calls)) throw new Error('broker away');
      published.push(event);
    },
    async subscribe() {},
    async status() {
      return { kind: 'in-process', connected: true };
    },
    async close() {},
  };
  return { bus, published, calls: () => calls };
};

const withOutbox = async (t: ExecutionContext, count: number) => {
  const db = await freshPglite([outboxMigration]);
  t.teardown(() => db.close());
  const events = Array.from({ length: count }, (_, i) =>
    newEvent({ source: '/test', type: 'test.thing.changed', subject: `/test/things/${i}`, version: 1, data: {} }),
  );
  await db.transaction((tx) => appendEvents(tx, db.kind, events));
  return db;
};

/** A relay over `db` and `bus`, started, and stopped when the test ends. */
const startRelay = (t: ExecutionContext, options: Omit<OutboxRelayOptions, 'logger'>) => {
  const relay = createOutboxRelay({ logger: silentLogger(), ...options });
  relay.start();
  t.teardown(() => relay.stop());
  return relay;
};

test('a failed publish keeps the confirmed prefix sent and the rest unsent', async (t) => {
  const db = await withOutbox(t, 5);
  const { bus, published } = fakeBus((event) => event.position === 3);
  startRelay(t, { db, bus, maxBackoffMs: 20 });

  await eventually(async () => (await outboxBacklog(db)) === 3, { description: 'the two confirmed events marked sent' });
  const { rows } = await db.query<{ position: number }>(
    /* sql */ `SELECT position FROM outbox WHERE sent_at IS NOT NULL ORDER BY position`,
  );
  t.deepEqual(
    rows.map((r) => r.position),
    [1, 2],
  );
  t.true(
    published.some((e) => e.position === 4),
    'later events were published too, and will be sent again',
  );
});

test('a pass sends several batches in one transaction; after a failure it marks the prefix and publishes no later batch', async (t) => {
  const db = await withOutbox(t, 16);
  // Batches of 4, up to 3 per pass: 1–4 confirmed; 6 refused in the second batch, while the
  // third (9–12) was already claimed ahead.
  const { bus, published } = fakeBus((event) => event.position === 6);
  const passes: { sent: number[]; publishedSoFar: number[] }[] = [];
  startRelay(t, {
    db,
    bus,
    batchSize: 4,
    batchesPerPass: 3,
    maxBackoffMs: 60_000,
    onPublished: (events) => passes.push({ sent: events.map((e) => e.position), publishedSoFar: published.map((e) => e.position) }),
  });

  await eventually(() => passes.length >= 1, { description: 'the first pass committed' });
  t.deepEqual(passes[0]!.sent, [1, 2, 3, 4, 5], 'one pass: the first batch and the prefix of the second');
  t.deepEqual(passes[0]!.publishedSoFar, [1, 2, 3, 4, 5, 7, 8], 'the failing batch went out whole, the batch claimed ahead did not');
  const { rows } = await db.query<{ position: number }>(
    /* sql */ `SELECT position FROM outbox WHERE sent_at IS NOT NULL ORDER BY position`,
  );
  t.deepEqual(rows.map((r) => r.position).slice(0, 5), [1, 2, 3, 4, 5]);
  t.false(
    rows.some((r) => r.position === 6),
    'the refused event stays unsent',
  );
});

test('a backlog larger than one pass goes out in several passes, in position order', async (t) => {
  const db = await withOutbox(t, 30);
  const { bus, published } = fakeBus(() => false);
  const passes: number[] = [];
  const relay = startRelay(t, {
    db,
    bus,
    batchSize: 4,
    batchesPerPass: 3,
    onPublished: (events) => passes.push(events.length),
  });
  await relay.drained();
  t.deepEqual(passes, [12, 12, 6]);
  t.deepEqual(
    published.map((e) => e.position),
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  t.is(await relay.backlog(), 0);
});

test('commits notifying during a backoff do not make the relay retry sooner', async (t) => {
  const db = await withOutbox(t, 1);
  const { bus, calls } = fakeBus(() => true);
  const relay = startRelay(t, { db, bus, maxBackoffMs: 60_000 });
  await eventually(() => calls() >= 1, { description: 'a first attempt' });
  const started = Date.now();
  while (Date.now() - started < 300) {
    relay.notify();
    await new Promise((resolve) => setImmediate(resolve));
  }
  t.true(calls() <= 4, `expected a handful of attempts in 300 ms of backoff, saw ${calls()}`);
});

test('drained resolves once every committed event is published, in position order', async (t) => {
  const db = await withOutbox(t, 450);
  const { bus, published } = fakeBus(() => false);
  const relay = startRelay(t, { db, bus });
  await relay.drained();
  t.is(await relay.backlog(), 0);
  t.deepEqual(
    published.map((e) => e.position),
    Array.from({ length: 450 }, (_, i) => i + 1),
  );
});

test('commits notifying in the same turn of the event loop go out in one pass, not a pass each', async (t) => {
  const db = await withOutbox(t, 0);
  const { bus, published } = fakeBus(() => false);
  const batches: number[] = [];
  const relay = startRelay(t, { db, bus, onPublished: (events) => batches.push(events.length) });
  await relay.drained();
  const commit = (i: number) =>
    db.transaction((tx) =>
      appendEvents(tx, db.kind, [
        newEvent({ source: '/test', type: 'test.thing.changed', subject: `/test/things/${i}`, version: 1, data: {} }),
      ]),
    );
  for (let i = 0; i < 10; i += 1) {
    await commit(i);
    relay.notify();
  }
  await eventually(() => published.length === 10, { timeoutMs: 60_000, description: 'all ten events published' });
  t.deepEqual(
    published.map((e) => e.position),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  t.true(batches.length < 10, `ten commits went out in ${batches.length} passes`);
});
