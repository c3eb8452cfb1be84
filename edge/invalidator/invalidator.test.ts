import test from 'ava';
import { Registry } from 'prom-client';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import { newEvent } from '#platform/messaging/event-envelope';
import { silentLogger } from '#platform/lifecycle/logger';
import { eventually } from '#platform/testing/eventually';
import { createInvalidator } from './invalidator.ts';

const revoked = (position: number) => ({
  ...newEvent({
    source: '/licencing',
    type: 'licencing.licence.revoked',
    subject: '/licencing/licences/L1',
    version: 2,
    data: { licenceId: 'L1', episodeId: 7, platform: 'ios' },
  }),
  position,
});

const given = (options: { applied?: (source: string, position: number) => Promise<boolean>; failures?: number } = {}) => {
  const registry = new Registry();
  const purged: string[][] = [];
  const asked: { source: string; position: number }[] = [];
  let failures = options.failures ?? 0;
  const invalidator = createInvalidator({
    bus: createInProcessBus({ logger: silentLogger() }),
    logger: silentLogger(),
    registry,
    purge: async (keys) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('varnish is restarting');
      }
      purged.push([...keys]);
      return 3;
    },
    applied: async (source, position) => {
      asked.push({ source, position });
      return options.applied ? options.applied(source, position) : true;
    },
    backoff: { firstMs: 1, maxMs: 5 },
    repurgeAfterMs: [],
  });
  const metric = async (name: string) =>
    (await registry.metrics())
      .split('\n')
      .filter((line) => line.startsWith(name))
      .join('\n');
  return { invalidator, purged, asked, metric };
};

test('an event is purged by its keys only after availability says it applied that position of that source', async (t) => {
  let release: (applied: boolean) => void = () => undefined;
  const { invalidator, purged, asked } = given({ applied: () => new Promise((resolve) => (release = resolve)) });
  const handled = invalidator.handle(revoked(41));
  await eventually(() => asked.length === 1);
  t.deepEqual(asked, [{ source: 'licencing', position: 41 }]);
  t.deepEqual(purged, [], 'nothing purged while availability has not applied it');
  release(true);
  await handled;
  t.true(purged[0]?.includes('/availability/episodes?platform=ios'));
  t.true(purged[0]?.includes('/licencing/licences/L1'));
});

test('a purge that fails is retried with backoff, and counted, until the edge takes it', async (t) => {
  const { invalidator, purged, metric } = given({ failures: 3 });
  await invalidator.handle(revoked(1));
  t.is(purged.length, 1);
  t.regex(await metric('vod_edge_purges_total'), /outcome="failed",kind="first"} 3/);
  t.regex(await metric('vod_edge_purges_total'), /outcome="purged",kind="first"} 1/);
  t.regex(await metric('vod_edge_purged_objects_total'), /vod_edge_purged_objects_total 3/);
});

test('a purge that keeps failing fails the event, so the bus keeps it and retries it later', async (t) => {
  const { invalidator } = given({ failures: 100 });
  await t.throwsAsync(invalidator.handle(revoked(1)), { message: /varnish is restarting/ });
});

test('availability not confirming in time still purges, and says so in the metrics', async (t) => {
  const { invalidator, purged, metric } = given({ applied: async () => false });
  await invalidator.handle(revoked(5));
  t.is(purged.length, 1);
  t.regex(await metric('vod_edge_purges_unconfirmed_total'), /vod_edge_purges_unconfirmed_total 1/);
});
