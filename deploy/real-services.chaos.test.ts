import test from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import { createRabbitMqBus } from '#platform/messaging/rabbitmq-bus';
import { readEvents } from '#platform/outbox/outbox';
import type { Database } from '#platform/storage/database';
import { rabbitmqctl, requireBrokerControl } from '#platform/testing/broker-control';
import { eventually } from '#platform/testing/eventually';
import { testAuth } from '#platform/testing/http';
import { freshPostgres } from '#platform/testing/postgres';
import { cleanUpRabbitMq, rabbitUrl, uniqueName } from '#platform/testing/rabbitmq';
import { createDeliveryLedger } from '#platform/testing/synthetic-outbox-service';
import { createCatalogueService } from '../services/catalogue/service.ts';
import { createGuidanceService } from '../services/guidance/service.ts';
import { createLicencingService } from '../services/licencing/service.ts';

/**
 * The real catalogue, guidance and licencing services on PostgreSQL and RabbitMQ take 10,000
 * editors' commands while the broker is stopped and started: every event their outboxes
 * committed reaches a consumer at least once and takes effect exactly once.
 */
const UPDATES = 10_000;
const WRITERS = 8;
const EPISODES_PER_WRITER = 40;

test('10,000 commands over the real services while the broker restarts: none lost, each takes effect once', async (t) => {
  if (!(await requireBrokerControl(t))) return;
  const exchange = uniqueName('chaos.real');
  const consumer = uniqueName('chaos-real-consumer');
  cleanUpRabbitMq(t, { exchange, consumers: [consumer] });
  const bus = async (name: string) => {
    const connected = await createRabbitMqBus({
      url: rabbitUrl(),
      exchange,
      name,
      logger: silentLogger(),
      reconnectMaxDelayMs: 1000,
      retryDelayMs: 100,
    });
    t.teardown(() => connected.close());
    await connected.waitForConnection(10_000);
    return connected;
  };
  const ledger = createDeliveryLedger();
  const consumerBus = await bus('chaos-real-consumer');
  await consumerBus.subscribe({
    consumer,
    patterns: ['catalogue.#', 'guidance.#', 'licencing.#'],
    handle: async (event) => ledger.record(event),
  });

  const dbs: Database[] = [];
  const open = async () => {
    const db = await freshPostgres(t, { max: 10 });
    if (db) dbs.push(db);
    return db;
  };
  const [catalogueDb, guidanceDb, licencingDb] = [await open(), await open(), await open()];
  if (!catalogueDb || !guidanceDb || !licencingDb) return;
  const logger = silentLogger();
  const catalogue = await createCatalogueService({ db: catalogueDb, bus: await bus('chaos-catalogue'), logger, auth: testAuth });
  const guidance = await createGuidanceService({ db: guidanceDb, bus: await bus('chaos-guidance'), logger, auth: testAuth });
  const licencing = await createLicencingService({
    db: licencingDb,
    bus: await bus('chaos-licencing'),
    logger,
    auth: testAuth,
    platforms: ['ios', 'web'],
  });
  for (const service of [catalogue, guidance, licencing]) {
    service.start();
    t.teardown(() => service.stop());
  }
  await catalogue.commands.publishProgramme({
    programmeId: 1001,
    title: 'Downton Abbey',
    channel: 'ITV',
    synopsis: 'The Crawleys.',
    precondition: { kind: 'create' },
  });

  let done = 0;
  let disruption: Promise<void> | undefined;
  const count = () => {
    done += 1;
    if (done === UPDATES / 4)
      disruption = (async () => {
        await rabbitmqctl('stop_app');
        await eventually(async () => !(await consumerBus.status()).connected, { description: 'the bus notices the broker is gone' });
        await rabbitmqctl('start_app');
      })();
  };
  // Each writer owns its episodes, so its commands never race another's If-Match.
  const writer = async (w: number) => {
    const versions = new Map<number, { episode: number; guidance: number; licence?: { id: string; version: number } }>();
    for (let i = w; i < UPDATES; i += WRITERS) {
      const episodeId = 100_000 + w * 1000 + (i % EPISODES_PER_WRITER);
      const held = versions.get(episodeId) ?? { episode: 0, guidance: 0 };
      versions.set(episodeId, held);
      const precondition = (version: number) => (version === 0 ? { kind: 'create' as const } : { kind: 'update' as const, version });
      const kind = i % 3;
      if (kind === 0) {
        const { episode } = await catalogue.commands.publishEpisode({
          episodeId,
          programmeId: 1001,
          title: `Episode ${i}`,
          synopsis: `Take ${i}.`,
          seriesNumber: 1,
          orderInSeries: 1 + (i % 9),
          orderInProgramme: 1 + (i % 99),
          durationSeconds: 2700,
          precondition: precondition(held.episode),
        });
        held.episode = episode.version;
      } else if (kind === 1) {
        const { guidance: set } = await guidance.commands.setEpisodeGuidance({
          episodeId,
          restricted: i % 2 === 0,
          message: i % 2 === 0 ? `Contains Strong Language (${i})` : null,
          precondition: precondition(held.guidance),
        });
        held.guidance = set.version;
      } else if (!held.licence) {
        const licence = await licencing.commands.grantLicence({
          episodeId,
          platform: i % 2 ? 'ios' : 'web',
          startDate: '2026-01-01T00:00:00Z',
          endDate: '2026-02-01T00:00:00Z',
        });
        held.licence = { id: licence.licenceId, version: licence.version };
      } else {
        const day = String(2 + (i % 27)).padStart(2, '0');
        const licence = await licencing.commands.amendLicenceWindow({
          licenceId: held.licence.id,
          startDate: '2026-01-01T00:00:00Z',
          endDate: `2026-03-${day}T00:00:00Z`,
          expectedVersion: held.licence.version,
        });
        held.licence = { id: licence.licenceId, version: licence.version };
      }
      count();
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  const committedAfterMs = Date.now() - started;
  await disruption;

  const committed: EventEnvelope[] = [];
  for (const db of dbs) committed.push(...(await readEvents(db, 0, 1_000_000)));
  t.true(committed.length > UPDATES, `${committed.length} events committed`);
  await eventually(() => ledger.counts(committed).lost === 0, {
    timeoutMs: 120_000,
    intervalMs: 250,
    description: 'every committed event delivered',
  });
  const counts = ledger.counts(committed);
  t.log({ ...counts, committedAfterMs, deliveredAfterMs: Date.now() - started });
  t.is(counts.lost, 0);
  t.is(counts.effects + counts.superseded, committed.length, 'every event took effect once or was superseded by a newer version');
  const latest = new Map<string, number>();
  for (const e of committed) latest.set(e.subject, Math.max(latest.get(e.subject) ?? 0, e.version));
  t.deepEqual(
    Object.fromEntries(ledger.held),
    Object.fromEntries(latest),
    'the consumer holds every resource at its last committed version',
  );
});
