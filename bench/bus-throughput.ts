import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { silentLogger } from '#platform/lifecycle/logger';
import { newEvent, type NewEvent } from '#platform/messaging/event-envelope';
import { createRabbitMqBus } from '#platform/messaging/rabbitmq-bus';
import { appendEvents, outboxMigration } from '#platform/outbox/outbox';
import { createOutboxRelay } from '#platform/outbox/outbox-relay';
import { createPgDatabase } from '#platform/storage/pg-database';
import { migrate } from '#platform/storage/migrate';
import type { Database } from '#platform/storage/database';
import { bareAmqpLoop, type LoopResult } from './bare-amqp-loop.ts';
import { median, percentile, type BenchModule, type BenchRow } from './bench-module.ts';

const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COUNT = Number(process.env.BENCH_EVENTS ?? 20_000);
const PACED_RATE = 500;
const PACED_SECONDS = 6;

const thing = (n: number): NewEvent =>
  newEvent({
    source: '/bench',
    type: 'bench.thing.changed',
    subject: `/bench/things/${n % 500}`,
    version: n + 1,
    data: { n, title: 'Downton Abbey', synopsis: 'x'.repeat(300) },
  });

/**
 * The platform's path: outbox rows in PostgreSQL, the relay, the RabbitMQ bus, a consumer. The
 * relay has its own small pool: sharing the writers' pool, its passes queue behind every
 * waiting commit, and a write burst starves it (p99 in seconds at 500 commits/s).
 */
const platformPath = async (db: Database, relayDb: Database) => {
  const exchange = `bench.events.${randomUUID().slice(0, 8)}`;
  const consumer = `bench-consumer-${randomUUID().slice(0, 8)}`;
  const bus = await createRabbitMqBus({ url: amqpUrl, exchange, logger: silentLogger() });
  await bus.waitForConnection(5000);
  const committedAt = new Map<string, number>();
  let seen = 0;
  let latencies: number[] = [];
  let onCount: (() => void) | undefined;
  let target = 0;
  await bus.subscribe({
    consumer,
    patterns: ['bench.#'],
    handle: async (event) => {
      const at = committedAt.get(event.id);
      if (at !== undefined) latencies.push(performance.now() - at);
      seen += 1;
      if (seen === target) onCount?.();
    },
  });
  const relay = createOutboxRelay({ db: relayDb, bus, logger: silentLogger() });
  const expect = (n: number) => {
    target = seen + n;
    latencies = [];
    return new Promise<void>((resolve) => (onCount = resolve));
  };
  const commit = async (events: readonly NewEvent[]) => {
    await db.transaction((tx) => appendEvents(tx, db.kind, events));
    const now = performance.now();
    for (const e of events) committedAt.set(e.id, now);
    relay.notify();
  };
  const cleanUp = async () => {
    await relay.stop();
    await bus.close();
    const admin = await (await import('amqplib')).connect(amqpUrl);
    const channel = await admin.createChannel();
    for (const q of [consumer, `${consumer}.retry`, `${consumer}.dlq`]) await channel.deleteQueue(q);
    await channel.deleteExchange(exchange);
    await admin.close();
  };
  return { relay, expect, commit, latencies: () => latencies, cleanUp };
};

/** Drains a backlog committed beforehand: the relay, bus and consumer at full speed. */
const drainRound = async (db: Database, relayDb: Database): Promise<LoopResult> => {
  const path = await platformPath(db, relayDb);
  for (let n = 0; n < COUNT; n += 1000) await path.commit(Array.from({ length: 1000 }, (_, i) => thing(n + i)));
  const arrived = path.expect(COUNT);
  const started = performance.now();
  path.relay.start();
  await arrived;
  const seconds = (performance.now() - started) / 1000;
  await path.cleanUp();
  return { eventsPerSecond: COUNT / seconds, latenciesMs: [] };
};

/** One update per transaction at a steady rate: what commit-to-consume latency looks like live. */
const pacedRound = async (db: Database, relayDb: Database): Promise<LoopResult> => {
  const path = await platformPath(db, relayDb);
  path.relay.start();
  const total = PACED_RATE * PACED_SECONDS;
  const arrived = path.expect(total);
  const started = performance.now();
  const commits: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / PACED_RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    commits.push(path.commit([thing(i)]));
  }
  await Promise.all(commits);
  await arrived;
  const result = { eventsPerSecond: total / ((performance.now() - started) / 1000), latenciesMs: path.latencies() };
  await path.cleanUp();
  return result;
};

const runAll = async (): Promise<BenchRow[]> => {
  const schema = `bench_${randomUUID().slice(0, 8)}`;
  // On a loaded machine the paced round's commits can wait seconds for a connection: a bench
  // measures that wait rather than failing on it (the services' 5 s is for answering 503).
  const db = await createPgDatabase({ url: postgresUrl, schema, connectTimeoutMs: 120_000 });
  const relayDb = await createPgDatabase({ url: postgresUrl, schema, max: 2, connectTimeoutMs: 120_000 });
  await migrate(db, [outboxMigration]);
  const body = Buffer.from(JSON.stringify({ ...thing(1), position: 1 }));
  const bare: LoopResult[] = [];
  const drain: LoopResult[] = [];
  const paced: LoopResult[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      bare.push(await bareAmqpLoop(amqpUrl, COUNT, body));
      drain.push(await drainRound(db, relayDb));
      paced.push(await pacedRound(db, relayDb));
    }
  } finally {
    await relayDb.close();
    await db.close();
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(/* sql */ `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  const bareRate = median(bare.map((r) => r.eventsPerSecond));
  const drainRate = median(drain.map((r) => r.eventsPerSecond));
  const name = 'bus-throughput';
  const rounds = `${ROUNDS} rounds of ${COUNT.toLocaleString('en-GB')}`;
  return [
    { bench: name, metric: 'bare amqplib publish→ack', value: bareRate, unit: 'events/s', note: rounds },
    {
      bench: name,
      metric: 'bare amqplib latency p50',
      value: median(bare.map((r) => percentile(r.latenciesMs, 50))),
      unit: 'ms',
      note: 'publish to consume, flat out',
    },
    {
      bench: name,
      metric: 'bare amqplib latency p99',
      value: median(bare.map((r) => percentile(r.latenciesMs, 99))),
      unit: 'ms',
      note: 'publish to consume, flat out',
    },
    { bench: name, metric: 'outbox→relay→bus→ack', value: drainRate, unit: 'events/s', note: `committed backlog drained; ${rounds}` },
    { bench: name, metric: 'platform / bare', value: (100 * drainRate) / bareRate, unit: '%', note: 'goal ≥ 75 %' },
    {
      bench: name,
      metric: `paced ${PACED_RATE}/s commit→consume p50`,
      value: median(paced.map((r) => percentile(r.latenciesMs, 50))),
      unit: 'ms',
      note: `one event per transaction, ${PACED_SECONDS} s`,
    },
    {
      bench: name,
      metric: `paced ${PACED_RATE}/s commit→consume p99`,
      value: median(paced.map((r) => percentile(r.latenciesMs, 99))),
      unit: 'ms',
      note: 'goal ≤ 50 ms',
    },
    { bench: name, metric: `paced ${PACED_RATE}/s achieved`, value: median(paced.map((r) => r.eventsPerSecond)), unit: 'events/s' },
  ];
};

/** Events/s and latency from outbox commit to consumer ack, beside a bare amqplib loop. */
export const busThroughput: BenchModule = { name: 'bus-throughput', run: runAll };
