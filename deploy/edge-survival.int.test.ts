import anyTest, { type ExecutionContext, type TestFn } from 'ava';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { eventually } from '#platform/testing/eventually';
import { bearer } from '#platform/testing/http';
import { requireRabbitMq } from '#platform/testing/rabbitmq';
import { canControlBroker } from '#platform/testing/broker-control';
import { oneOrigin } from '../edge/varnish/backends.ts';
import { varnishAvailable } from '../edge/varnish/varnish-available.ts';
import { startVarnish, type RunningVarnish } from '../edge/varnish/varnish-process.ts';
import { freePort } from './testing/spawn-process.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * The invalidator against the real things going away: Debian's varnishd stopped and started
 * again on its port, and the invalidator's own RabbitMQ connection closed by the broker (only
 * that one, on a vhost of this test's own: nobody else's connection is touched, and the broker
 * keeps running). Then the real platform stopped, and Varnish answering from what it kept.
 * The platform and the invalidator run as two platforms, so the invalidator has a connection
 * of its own, named `invalidator`, as in the distributed mode.
 */
interface Stoppable {
  url: string;
  stop(): Promise<void>;
}
/** Stops once, whether a test or the teardown asks first. */
const once = (platform: Stoppable): Stoppable => {
  let stopping: Promise<void> | undefined;
  return { url: platform.url, stop: () => (stopping ??= platform.stop()) };
};
interface Context {
  vhost: string;
  origin: Stoppable;
  invalidator: Stoppable;
  port: number;
  varnish: RunningVarnish;
  token: string;
}
const test = anyTest as TestFn<Context>;
const run = promisify(execFile);
const rabbitmqctl = async (...args: string[]) => (await run('rabbitmqctl', ['-q', ...args], { timeout: 60_000 })).stdout;
const EPISODE = 986001;
/** The Varnish running now, whichever test started it. */
const running: { varnish?: RunningVarnish } = {};

const available = varnishAvailable();
if (!available && process.env.REQUIRE_SERVICES === '1')
  anyTest('varnishd is installed', (t) => t.fail('REQUIRE_SERVICES=1 and varnishd is absent'));
const serial = available ? test.serial : test.serial.skip;

/** Whether this run can use RabbitMQ and rabbitmqctl; skips loudly (or fails under REQUIRE_SERVICES=1) when not. */
const brokerReady = async (t: ExecutionContext<Context>) => {
  if (!(await requireRabbitMq(t))) return false;
  if (await canControlBroker()) return true;
  if (process.env.REQUIRE_SERVICES === '1') t.fail('rabbitmqctl cannot reach the local broker (REQUIRE_SERVICES=1)');
  else t.log('SKIPPED: rabbitmqctl cannot reach the local broker');
  t.pass();
  return false;
};

test.before(async (t) => {
  if (!available || !(await brokerReady(t))) return;
  const vhost = `edge_survival_${randomUUID().slice(0, 8)}`;
  await rabbitmqctl('add_vhost', vhost);
  await rabbitmqctl('set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
  const amqp = `amqp://guest:guest@127.0.0.1:5672/${vhost}`;
  const port = await freePort();
  const edge = { VARNISH_URL: `http://127.0.0.1:${port}`, AMQP_URL: amqp, GATEWAY_RATE_LIMIT: '0' };
  const origin = once(await startTestPlatform(edge, { names: ['catalogue', 'guidance', 'licencing', 'availability', 'gateway'] }));
  const invalidator = once(await startTestPlatform({ ...edge, AVAILABILITY_URL: origin.url }, { names: ['invalidator'] }));
  const varnish = await startVarnish({ origins: oneOrigin(origin.url), port });
  running.varnish = varnish;
  const token = (await bearer('catalogue:write', 'guidance:write', 'licencing:write')).slice('Bearer '.length);
  t.context = { vhost, origin, invalidator, port, varnish, token };
  const put = (path: string, body: unknown) => command(t.context, 'PUT', path, body, { 'if-none-match': '*' });
  t.is((await put('/catalogue/programmes/9861', { title: 'Survival', channel: 'ITV', synopsis: 'Purged through outages.' })).status, 201);
  t.is(
    (
      await put(`/catalogue/episodes/${EPISODE}`, {
        programmeId: 9861,
        title: 'Survival 1',
        synopsis: 'Kept.',
        seriesNumber: 1,
        orderInSeries: 1,
        orderInProgramme: 1,
        durationSeconds: 1800,
      })
    ).status,
    201,
  );
  t.is((await put(`/guidance/episodes/${EPISODE}`, { restricted: false, message: null })).status, 201);
});
test.after.always(async (t) => {
  // After-hooks get the before-hook's context, not the tests' copies: the Varnish a test
  // restarted is stopped through `running`.
  const { invalidator, origin, vhost } = t.context ?? {};
  await running.varnish?.stop();
  await invalidator?.stop();
  await origin?.stop();
  if (vhost) await rabbitmqctl('delete_vhost', vhost).catch(() => undefined);
});

const command = (context: Context, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${context.origin.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${context.token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const GUIDANCE = `/guidance/episodes/${EPISODE}`;
const ITEM = `/availability/episodes/${EPISODE}?platform=ios`;

const through = async (context: Context, path: string) => {
  const response = await fetch(`${context.varnish.url}${path}`, { headers: { accept: 'application/hal+json' } });
  const body = response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
  return { status: response.status, cache: response.headers.get('x-cache'), body, xkey: response.headers.get('xkey') };
};

/** Reads `path` through Varnish until it is a hit: what follows is known to come from the cache. */
const warm = (context: Context, path: string) =>
  eventually(async () => (await through(context, path)).cache === 'HIT', {
    timeoutMs: 20_000,
    intervalMs: 50,
    description: `${path} cached`,
  });

/** Sets the episode's guidance to `restricted` (or not) with the editor's command. */
const setGuidance = async (context: Context, restricted: boolean) => {
  const etag = (await fetch(`${context.origin.url}${GUIDANCE}`)).headers.get('etag')!;
  const response = await command(
    context,
    'PUT',
    GUIDANCE,
    restricted ? { restricted, message: 'Survival' } : { restricted, message: null },
    { 'if-match': etag },
  );
  if (response.status !== 200) throw new Error(`guidance change answered ${response.status}`);
};

/** Waits until Varnish answers `path` with the guidance `restricted` says: an event purged the kept answer. */
const freshThrough = (context: Context, path: string, restricted: boolean, timeoutMs: number) =>
  eventually(
    async () => {
      const { body } = await through(context, path);
      return (body?.restricted ?? (body?.guidance as { restricted?: boolean } | undefined)?.restricted) === restricted;
    },
    { timeoutMs, intervalMs: 50, description: `${path} through Varnish shows restricted=${restricted}` },
  );

/** One counter of the invalidator's /metrics (0 when it has not counted yet). */
const counter = async (context: Context, name: string, labels = '') => {
  const metrics = await (await fetch(`${context.invalidator.url}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return Number(line?.split(' ')[1] ?? 0);
};

serial("after the broker closes the invalidator's connection, it reconnects and purges the events committed meanwhile", async (t) => {
  if (!t.context.vhost) return t.pass();
  await warm(t.context, GUIDANCE);
  await warm(t.context, ITEM);
  // Tab-separated: pid, vhost, client properties (where amqplib puts the connection's name).
  const rows = (await rabbitmqctl('list_connections', 'pid', 'vhost', 'client_properties')).split('\n').map((line) => line.split('\t'));
  const own = rows
    .filter(([, vhost, properties]) => vhost === t.context.vhost && properties?.includes('{"connection_name","invalidator"}'))
    .map(([pid]) => ({ pid: pid! }));
  t.is(own.length, 1, "the invalidator has one connection of its own on this test's vhost");
  const purged = () => counter(t.context, 'vod_edge_purges_total', 'outcome="purged",kind="first"');
  // The before-hook's three commands purged first, so that the count that follows is this test's event.
  await eventually(async () => (await purged()) >= 3, { timeoutMs: 60_000, intervalMs: 100, description: "the set-up's purges" });
  const purgedBefore = await purged();
  await rabbitmqctl('close_connection', own[0]!.pid, 'edge survival test: broker connection lost');
  await setGuidance(t.context, true);
  await freshThrough(t.context, GUIDANCE, true, 60_000);
  await freshThrough(t.context, ITEM, true, 60_000);
  // Varnish may be fresh before this event's purge (a repeat purge of the set-up's events, for the
  // same keys, can evict the answer first): the purge itself is waited for, not assumed done.
  await eventually(async () => (await purged()) > purgedBefore, {
    timeoutMs: 60_000,
    intervalMs: 100,
    description: 'the event committed while the connection was down purged once the invalidator reconnected',
  });
  t.pass('the invalidator reconnected and purged the event committed meanwhile');
});

serial(
  'while Varnish is down the invalidator counts failed purges and retries with backoff; once it is back on its port, purging works again',
  async (t) => {
    if (!t.context.vhost) return t.pass();
    const failedBefore = await counter(t.context, 'vod_edge_purges_total', 'outcome="failed",kind="first"');
    const purgedBefore = await counter(t.context, 'vod_edge_purges_total', 'outcome="purged",kind="first"');
    await t.context.varnish.stop();
    await setGuidance(t.context, false);
    const failed = await eventually(
      async () => {
        const count = await counter(t.context, 'vod_edge_purges_total', 'outcome="failed",kind="first"');
        return count >= failedBefore + 2 && count;
      },
      { timeoutMs: 30_000, intervalMs: 100, description: 'the invalidator to count purges that failed, and to try again' },
    );
    t.true(failed >= failedBefore + 2, 'failed purges counted, and tried again');
    t.context.varnish = await startVarnish({ origins: oneOrigin(t.context.origin.url), port: t.context.port });
    running.varnish = t.context.varnish;
    await eventually(async () => (await counter(t.context, 'vod_edge_purges_total', 'outcome="purged",kind="first"')) > purgedBefore, {
      timeoutMs: 60_000,
      intervalMs: 100,
      description: 'the retried purge to reach the restarted Varnish',
    });
    t.pass('the retried purge reached the restarted Varnish');
    // The restarted Varnish started empty; what it keeps now is purged as before.
    await warm(t.context, GUIDANCE);
    await warm(t.context, ITEM);
    await setGuidance(t.context, true);
    await freshThrough(t.context, GUIDANCE, true, 30_000);
    await freshThrough(t.context, ITEM, true, 30_000);
    t.is((await through(t.context, GUIDANCE)).body?.restricted, true);
  },
);

serial('with the platform stopped, Varnish answers what it kept, stale, and never with the keys', async (t) => {
  if (!t.context.vhost) return t.pass();
  await warm(t.context, GUIDANCE);
  const kept = await through(t.context, GUIDANCE);
  await t.context.invalidator.stop();
  await t.context.origin.stop();
  // An operator's (or an event's) soft purge: the answer is now past its s-maxage, kept only for
  // stale-while-revalidate and stale-if-error, and the origin cannot give a new one.
  await fetch(`${t.context.varnish.url}/`, { method: 'PURGE', headers: { 'xkey-softpurge': GUIDANCE } });
  for (let i = 0; i < 3; i += 1) {
    const stale = await through(t.context, GUIDANCE);
    t.is(stale.status, 200);
    t.deepEqual(stale.body, kept.body);
    t.is(stale.xkey, null);
  }
});
