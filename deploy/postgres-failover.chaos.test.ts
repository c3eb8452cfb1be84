import test from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import { createRabbitMqBus } from '#platform/messaging/rabbitmq-bus';
import { readEvents } from '#platform/outbox/outbox';
import { createPgDatabase } from '#platform/storage/pg-database';
import { eventually } from '#platform/testing/eventually';
import { bearer, testAuth } from '#platform/testing/http';
import { freshDatabase, terminateBackends } from '#platform/testing/postgres';
import { cleanUpRabbitMq, rabbitUrl, requireRabbitMq, uniqueName } from '#platform/testing/rabbitmq';
import { createDeliveryLedger } from '#platform/testing/synthetic-outbox-service';
import { createAvailabilityService } from '../services/availability/service.ts';
import { createInMemoryAvailabilityStore } from '../services/availability/store/in-memory-availability-store.ts';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import { freePort, spawnEntryPoint, waitUntilReady, type SpawnedProcess } from './testing/spawn-process.ts';

/**
 * A database failover as the services see it: every backend of their connections terminated
 * (`pg_terminate_backend`, 57P01) while editors write through the real guidance and licencing
 * processes, three times. Only this test's own database's connections are terminated, found by
 * the `application_name` it gave them. What must hold: no process dies, a write in flight at
 * the cut answers 503 problem+json with Retry-After (or succeeded), every acknowledged write is
 * in the store, its outbox and the bus, the services answer again without a restart, the outbox
 * relays drain, and availability's catch-up reads the feeds to their heads.
 */
const WRITERS = 4;
const ROUNDS = 3;
const WRITES_BETWEEN_ROUNDS = 150;

type Service = 'guidance' | 'licencing';
interface Tally {
  ok: number;
  unavailable: number;
  afterUnknown412: number;
  recoveryMs: number[];
}

test('PostgreSQL backends terminated under a write loop: no crash, nothing acknowledged lost, recovery without restart', async (t) => {
  if (!(await requireRabbitMq(t))) return;
  const database = await freshDatabase(t);
  if (!database) return;
  const exchange = uniqueName('chaos.pg');
  const consumer = uniqueName('chaos-pg-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  // A bound queue first: publishing is mandatory, so the relays need somewhere to deliver.
  const ledger = createDeliveryLedger();
  const consumerBus = await createRabbitMqBus({ url: rabbitUrl(), exchange, name: consumer, logger: silentLogger() });
  t.teardown(() => consumerBus.close());
  await consumerBus.subscribe({ consumer, patterns: ['guidance.#', 'licencing.#'], handle: async (event) => ledger.record(event) });

  const processes = {} as Record<Service | 'catalogue', { process: SpawnedProcess; url: string }>;
  for (const service of ['catalogue', 'guidance', 'licencing'] as const) {
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url,
      AMQP_URL: rabbitUrl(),
      AMQP_EXCHANGE: exchange,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PLATFORMS: 'ios,web',
      TOKEN_SECRET: testAuth.secret,
      TOKEN_ISSUER: testAuth.issuer,
      TOKEN_AUDIENCE: testAuth.audience,
    };
    processes[service] = { process: spawnEntryPoint(t, 'deploy/one-service.ts', [service], env), url: `http://127.0.0.1:${port}` };
  }
  for (const { process, url } of Object.values(processes)) await waitUntilReady(process, url);

  const token = await bearer('guidance:write', 'licencing:write');
  const tallies: Record<Service, Tally> = {
    guidance: { ok: 0, unavailable: 0, afterUnknown412: 0, recoveryMs: [] },
    licencing: { ok: 0, unavailable: 0, afterUnknown412: 0, recoveryMs: [] },
  };
  const acknowledged: { subject: string; version: number }[] = [];
  const failures: string[] = [];
  let cutAt = 0;
  let rounds = 0;
  let stop = false;

  /** Sends one write; 503s must be problems with Retry-After; the tally times the first success after a cut. */
  const send = async (service: Service, path: string, method: string, headers: Record<string, string>, body: unknown) => {
    const startedAt = Date.now();
    const response = await fetch(`${processes[service].url}${path}`, {
      method,
      headers: { authorization: token, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).catch((error: Error) => {
      failures.push(`${method} ${path}: no answer (${error.cause instanceof Error ? error.cause.message : error.message})`);
      return undefined;
    });
    if (!response) return { ok: false, status: 0, headers: new Headers() };
    await response.arrayBuffer();
    const tally = tallies[service];
    if (response.ok) {
      tally.ok += 1;
      if (cutAt && startedAt >= cutAt && tally.recoveryMs.length < rounds) tally.recoveryMs.push(Date.now() - cutAt);
    } else if (response.status === 503) {
      tally.unavailable += 1;
      if (response.headers.get('content-type') !== 'application/problem+json' || !response.headers.get('retry-after'))
        failures.push(`${service}: a 503 without problem+json or Retry-After`);
    } else if (response.status !== 412) failures.push(`${method} ${path}: ${response.status}`);
    return response;
  };
  const acknowledge = (subject: string, response: { headers: Headers }) => {
    acknowledged.push({ subject, version: Number(response.headers.get('etag')!.replaceAll('"', '')) });
    if (acknowledged.length === WRITES_BETWEEN_ROUNDS * (rounds + 1)) {
      if (rounds === ROUNDS) stop = true;
      else void cut();
    }
  };
  const cut = async () => {
    rounds += 1;
    cutAt = Date.now();
    const terminated = await terminateBackends(database.name);
    t.log(`round ${rounds}: ${terminated} backends terminated`);
  };

  const guidanceWriter = async (w: number) => {
    const versions = new Map<number, number | 'unknown'>();
    for (let i = 0; !stop && failures.length < 20; i += 1) {
      const episodeId = 500_000 + w * 100 + (i % 10);
      let held = versions.get(episodeId) ?? 0;
      if (held === 'unknown') {
        const read = await fetch(`${processes.guidance.url}/guidance/episodes/${episodeId}`).catch(() => undefined);
        await read?.arrayBuffer();
        if (!read || read.status === 503) continue;
        held = read.status === 404 ? 0 : Number(read.headers.get('etag')!.replaceAll('"', ''));
      }
      const precondition: Record<string, string> = held === 0 ? { 'if-none-match': '*' } : { 'if-match': `"${held}"` };
      const response = await send('guidance', `/guidance/episodes/${episodeId}`, 'PUT', precondition, {
        restricted: i % 2 === 0,
        message: `take ${i}`,
      });
      if (response.ok) {
        versions.set(episodeId, Number(response.headers.get('etag')!.replaceAll('"', '')));
        acknowledge(`/guidance/episodes/${episodeId}`, response);
      } else versions.set(episodeId, 'unknown');
      if (response.status === 412) tallies.guidance.afterUnknown412 += 1;
    }
  };
  // A grant whose answer was a 503 is sent again with the same Idempotency-Key: the answer then
  // says whether the first one committed (the same licence) or not (a new one).
  const licencingWriter = async (w: number) => {
    for (let i = 0; !stop && failures.length < 20;) {
      // Each grant its own episode: an identical active licence is refused (409) by design.
      const body = {
        episodeId: 600_000 + w * 100_000 + i,
        platform: i % 2 ? 'ios' : 'web',
        startDate: '2026-01-01T00:00:00Z',
        endDate: '2026-02-01T00:00:00Z',
      };
      const response = await send('licencing', '/licencing/licences', 'POST', { 'idempotency-key': `${database.name}-${w}-${i}` }, body);
      if (!response.ok) continue;
      acknowledge(new URL(response.headers.get('location')!, processes.licencing.url).pathname, response);
      i += 1;
    }
  };
  // Availability catches up from the services' feeds all along, as its periodic catch-up does.
  const availability = createAvailabilityService({
    store: createInMemoryAvailabilityStore(),
    bus: createInProcessBus({ logger: silentLogger() }),
    logger: silentLogger(),
    auth: testAuth,
    platforms: ['ios', 'web'],
    feeds: { catalogue: processes.catalogue.url, guidance: processes.guidance.url, licencing: processes.licencing.url },
    catchUpEveryMs: 0,
  });
  const catchUps = { ok: 0, failed: 0 };
  const catchingUp = (async () => {
    while (!stop && failures.length < 20) {
      await availability.catchUp().then(
        () => (catchUps.ok += 1),
        () => (catchUps.failed += 1),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  const started = Date.now();
  await Promise.all([
    ...Array.from({ length: WRITERS }, (_, w) => guidanceWriter(w)),
    ...Array.from({ length: WRITERS }, (_, w) => licencingWriter(w)),
    catchingUp,
  ]);
  t.log({ ...tallies, acknowledged: acknowledged.length, rounds, catchUps, ms: Date.now() - started });

  t.deepEqual(
    failures,
    [],
    Object.values(processes)
      .map((p) => p.process.output())
      .join('\n'),
  );
  if (failures.length > 0) return;
  t.is(rounds, ROUNDS);
  for (const [service, { process }] of Object.entries(processes)) {
    t.true(process.alive(), `${service} is still running:\n${process.output()}`);
    t.notRegex(process.output(), /Unhandled 'error' event|uncaught/i);
  }
  for (const service of ['guidance', 'licencing'] as const) {
    t.is(tallies[service].recoveryMs.length, ROUNDS, `${service} answered a write after every cut, without a restart`);
    t.true(
      tallies[service].unavailable <= ROUNDS * WRITERS * 2,
      `${service}: ${tallies[service].unavailable} 503s, at most the writes in flight at each cut`,
    );
  }

  // Every acknowledged write is in its service's outbox, the relays drain it, the bus delivers it.
  const committed: EventEnvelope[] = [];
  for (const schema of ['guidance', 'licencing']) {
    const db = await createPgDatabase({ url: database.url, schema, max: 1 });
    committed.push(...(await readEvents(db, 0, 1_000_000)));
    await eventually(
      async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')).rows[0]?.n === 0,
      { timeoutMs: 120_000, intervalMs: 250, description: `the ${schema} relay drained its outbox` },
    );
    await db.close();
  }
  const inLog = new Set(committed.map((e) => `${e.subject}@${e.version}`));
  t.deepEqual(
    acknowledged.filter((a) => !inLog.has(`${a.subject}@${a.version}`)),
    [],
    'every acknowledged write is in the outbox',
  );
  await eventually(() => ledger.counts(committed).lost === 0, {
    timeoutMs: 120_000,
    intervalMs: 250,
    description: 'every committed event delivered',
  });
  t.is(ledger.counts(committed).lost, 0);

  await availability.catchUp();
  const { sources } = await availability.status();
  const checkpoints = Object.fromEntries(sources.filter((s) => s.source !== 'catalogue').map((s) => [s.source, s.checkpoint]));
  const heads = Object.fromEntries(
    ['guidance', 'licencing'].map((source) => [
      source,
      Math.max(...committed.filter((e) => e.type.startsWith(`${source}.`)).map((e) => e.position)),
    ]),
  );
  t.deepEqual(checkpoints, heads, "availability's checkpoints reached the feeds' heads");
});
