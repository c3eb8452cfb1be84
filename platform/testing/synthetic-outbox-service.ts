import type { Logger } from 'pino';
import type { EventBus } from '../messaging/event-bus.ts';
import { newEvent, type EventEnvelope } from '../messaging/event-envelope.ts';
import { appendEvents, outboxMigration } from '../outbox/outbox.ts';
import { createOutboxRelay, type OutboxRelay } from '../outbox/outbox-relay.ts';
import type { Database } from '../storage/database.ts';
import { migrate } from '../storage/migrate.ts';

/**
 * A stand-in domain service made only of the platform kit: a versioned `things` table whose
 * every update appends a `<name>.thing.changed` event to the outbox in the same transaction,
 * relayed to the bus. Reliability tests drive it with thousands of updates while the broker is
 * disrupted, without depending on the real services.
 */
export interface SyntheticService {
  readonly name: string;
  readonly relay: OutboxRelay;
  /** Commits one update of thing `id` and returns the event it committed. */
  update(id: number): Promise<EventEnvelope>;
}

export const createSyntheticService = async (name: string, db: Database, bus: EventBus, logger: Logger): Promise<SyntheticService> => {
  await migrate(db, [outboxMigration]);
  await db.query(/* sql */ `CREATE TABLE IF NOT EXISTS things (id int PRIMARY KEY, version int NOT NULL)`);
  const relay = createOutboxRelay({ db, bus, logger, maxBackoffMs: 1000, pollMs: 500 });
  return {
    name,
    relay,
    async update(id) {
      const event = await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ version: number }>(
          /* sql */ `INSERT INTO things (id, version) VALUES ($1, 1)
                     ON CONFLICT (id) DO UPDATE SET version = things.version + 1 RETURNING version`,
          [id],
        );
        const version = rows[0]!.version;
        const [appended] = await appendEvents(tx, db.kind, [
          newEvent({ source: `/${name}`, type: `${name}.thing.changed`, subject: `/${name}/things/${id}`, version, data: { id, version } }),
        ]);
        return appended!;
      });
      relay.notify();
      return event;
    },
  };
};

/**
 * What a consumer saw, kept as an idempotent, order-tolerant projection would: an event takes
 * effect only when its version is newer than the one held for its subject.
 */
export const createDeliveryLedger = () => {
  const deliveries = new Map<string, number>();
  const held = new Map<string, number>();
  let effects = 0;
  let superseded = 0;
  return {
    record(event: EventEnvelope) {
      deliveries.set(event.id, (deliveries.get(event.id) ?? 0) + 1);
      if ((held.get(event.subject) ?? 0) < event.version) {
        held.set(event.subject, event.version);
        effects += 1;
      } else if (deliveries.get(event.id) === 1) superseded += 1;
    },
    /** Delivered (distinct), duplicated (extra deliveries) and lost (committed, never seen). */
    counts(committed: readonly EventEnvelope[]) {
      const total = [...deliveries.values()].reduce((a, b) => a + b, 0);
      const lost = committed.filter((e) => !deliveries.has(e.id)).length;
      return { committed: committed.length, delivered: deliveries.size, duplicated: total - deliveries.size, lost, effects, superseded };
    },
    /** The version held per subject, to compare with the last committed one. */
    held,
  };
};
