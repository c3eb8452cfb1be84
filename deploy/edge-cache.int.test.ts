import anyTest, { type TestFn } from 'ava';
import { createServer, type AddressInfo } from 'node:net';
import { silentLogger } from '#platform/lifecycle/logger';
import { eventually } from '#platform/testing/eventually';
import { bearer } from '#platform/testing/http';
import { oneOrigin } from '../edge/varnish/backends.ts';
import { varnishAvailable } from '../edge/varnish/varnish-available.ts';
import { startVarnish, type RunningVarnish } from '../edge/varnish/varnish-process.ts';
import { demoCatalogue } from './demo/demo-catalogue.ts';
import { loadDemoData } from './demo/load-demo-data.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * The edge end to end: Debian's varnishd with the repository's VCL in front of the embedded
 * platform, whose invalidator purges it from the update events. Every answer below comes
 * through Varnish, which may keep it for ten minutes (s-maxage): it turns fresh within the
 * test's few seconds only because an event purged it.
 */
interface Context {
  url: string;
  origin: string;
  varnish: RunningVarnish;
  stop: () => Promise<void>;
  token: string;
}
const test = anyTest as TestFn<Context>;
const V1 = 'application/vnd.itv.ctv.production.v1+hal+json';
const EPISODE = 987001;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const available = varnishAvailable();
if (!available) console.warn('SKIPPED: the edge end-to-end tests need varnishd and vmod xkey (apt-get install varnish varnish-modules)');
if (!available && process.env.REQUIRE_SERVICES === '1')
  anyTest('varnishd is installed', (t) => t.fail('REQUIRE_SERVICES=1 and varnishd is absent'));
const serial = available ? test.serial : test.serial.skip;

test.before(async (t) => {
  if (!available) return;
  const port = await freePort();
  const platform = await startTestPlatform({
    VARNISH_URL: `http://127.0.0.1:${port}`,
    GATEWAY_RATE_LIMIT: '0',
    GATEWAY_UPSTREAM_TIMEOUT_MS: '5000',
    GATEWAY_DEADLINE_MS: '10000',
  });
  const varnish = await startVarnish({ origins: oneOrigin(platform.url), port });
  const token = (await bearer('catalogue:write', 'guidance:write', 'licencing:write')).slice('Bearer '.length);
  const full = demoCatalogue(new Date());
  const downton = (id: number) => full.episodes.find((e) => e.episodeId === id)?.programmeId === 1001;
  await loadDemoData({ catalogue: platform.url, guidance: platform.url, licencing: platform.url, token }, silentLogger(), {
    programmes: full.programmes.filter((p) => p.programmeId === 1001),
    episodes: full.episodes.filter((e) => e.programmeId === 1001),
    guidance: full.guidance.filter((g) => downton(g.episodeId)),
    licences: full.licences.filter((l) => downton(l.episodeId)),
  });
  // The load's own purges (and their repeats, two seconds later) are over before a test warms anything.
  await eventually(
    async () => {
      const metrics = await (await fetch(`${platform.url}/metrics`)).text();
      const count = (kind: string) =>
        Number(new RegExp(`vod_edge_purges_total\\{outcome="purged",kind="${kind}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
      return count('first') > 0 && count('first') === count('repeat');
    },
    { timeoutMs: 30_000, intervalMs: 200, description: 'the demo load purged and purged again' },
  );
  t.context = {
    url: varnish.url,
    origin: platform.url,
    varnish,
    token,
    async stop() {
      await varnish.stop();
      await platform.stop();
    },
  };
});
test.after.always(async (t) => {
  if (available) await t.context.stop();
});

/** One answer through Varnish; no client answer may carry the surrogate keys. */
const through = async (t: { context: Context; is: (a: unknown, b: unknown, m?: string) => void }, path: string) => {
  const response = await fetch(`${t.context.url}${path}`, { headers: { accept: path.startsWith('/vod/') ? V1 : 'application/hal+json' } });
  t.is(response.headers.get('xkey'), null, `${path} reaches the client without its keys`);
  const text = await response.text();
  return {
    status: response.status,
    cache: response.headers.get('x-cache'),
    text,
    body: response.status === 200 ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
};

const command = (t: { context: Context }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.context.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${t.context.token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Reads every path until each is a hit, so that what follows is known to come from the cache. */
const warm = async (t: { context: Context; is: (a: unknown, b: unknown, m?: string) => void }, paths: readonly string[]) => {
  for (const path of paths)
    await eventually(async () => (await through(t, path)).cache === 'HIT', {
      timeoutMs: 15_000,
      intervalMs: 50,
      description: `${path} cached`,
    });
};

/** An instant as licences take it: whole seconds. */
const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const holds = (text: string, episodeId: number) => text.includes(`/episodes/${episodeId}`);

/** Episode 123456's `restricted` wherever the answer holds it (an item, or one production of a list). */
const restrictedIn = (body: unknown): boolean | undefined => {
  if (Array.isArray(body)) return body.map(restrictedIn).find((found) => found !== undefined);
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (record.episodeId === 123456 && typeof record.restricted === 'boolean') return record.restricted;
  return Object.values(record)
    .map(restrictedIn)
    .find((found) => found !== undefined);
};

serial('answers are served from Varnish, and no client answer carries the keys', async (t) => {
  const paths = [
    '/catalogue/episodes/123456',
    '/guidance/episodes/123456',
    '/licencing/licences?episode=123456',
    '/availability/episodes?platform=ios&q=downton',
    '/availability/episodes/123456?platform=ios',
    '/vod/ios/episodes?q=downton',
    '/vod/ios/episodes/123456',
  ];
  await warm(t, paths);
  for (const path of paths) t.is((await through(t, path)).cache, 'HIT', path);
  // Varnish's own counters say so too (workers publish them in batches, so wait for them).
  const hits = await eventually(
    async () => {
      const { cache_hit } = await t.context.varnish.counters();
      return cache_hit! >= paths.length && cache_hit;
    },
    { timeoutMs: 15_000, intervalMs: 200, description: 'MAIN.cache_hit to count the hits' },
  );
  t.true(hits >= paths.length);
});

serial('a guidance change is fresh through Varnish for the item, every list that held it and every answer composed from it', async (t) => {
  const paths = [
    '/guidance/episodes/123456',
    '/availability/episodes/123456?platform=ios',
    '/availability/episodes?platform=ios&q=downton',
    '/vod/ios/episodes/123456',
    '/vod/ios/episodes?q=downton',
  ];
  await warm(t, paths);
  for (const path of paths) t.is(restrictedIn((await through(t, path)).body), true, `${path} says restricted before`);
  const etag = (await fetch(`${t.context.origin}/guidance/episodes/123456`)).headers.get('etag')!;
  t.is((await command(t, 'PUT', '/guidance/episodes/123456', { restricted: false, message: null }, { 'if-match': etag })).status, 200);
  const started = performance.now();
  for (const path of paths)
    await eventually(async () => restrictedIn((await through(t, path)).body) === false, {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: `${path} shows the new guidance`,
    });
  t.log(`guidance fresh through Varnish everywhere after ${Math.round(performance.now() - started)} ms`);
});

serial('a grant puts the episode in lists that did not hold it, and its revocation takes it out of every list and item', async (t) => {
  const publish = {
    programmeId: 1001,
    title: 'Edge Special',
    synopsis: 'Cached and purged.',
    seriesNumber: 9,
    orderInSeries: 1,
    orderInProgramme: 99,
    durationSeconds: 3600,
  };
  t.is((await command(t, 'PUT', `/catalogue/episodes/${EPISODE}`, publish, { 'if-none-match': '*' })).status, 201);
  const lists = [
    '/availability/episodes?platform=android&q=downton',
    '/availability/episodes?platform=android&q=downton&available=true',
    '/vod/android/episodes?q=downton',
  ];
  await eventually(async () => (await fetch(`${t.context.origin}/availability/episodes/${EPISODE}?platform=android`)).status === 200, {
    timeoutMs: 10_000,
    description: 'availability knows the new episode',
  });
  await warm(t, lists);
  for (const path of lists) t.false(holds((await through(t, path)).text, EPISODE), `${path} does not hold it before the grant`);

  const now = Date.now();
  const grant = await command(t, 'POST', '/licencing/licences', {
    episodeId: EPISODE,
    platform: 'android',
    startDate: seconds(now - 3_600_000),
    endDate: seconds(now + 30 * 86_400_000),
  });
  t.is(grant.status, 201);
  const licence = (await grant.json()) as { licenceId: string };
  for (const path of lists)
    await eventually(async () => holds((await through(t, path)).text, EPISODE), {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: `${path} holds the granted episode`,
    });

  const item = `/vod/android/episodes/${EPISODE}`;
  await warm(t, [...lists, item, `/availability/episodes/${EPISODE}?platform=android`]);
  t.true((await through(t, item)).body?.available === true);
  const etag = (await fetch(`${t.context.origin}/licencing/licences/${licence.licenceId}`)).headers.get('etag')!;
  t.is((await command(t, 'POST', `/licencing/licences/${licence.licenceId}/revocation`, undefined, { 'if-match': etag })).status, 200);
  await eventually(async () => (await through(t, item)).body?.available === false, {
    timeoutMs: 10_000,
    intervalMs: 20,
    description: 'the item is no longer available',
  });
  await eventually(async () => (await through(t, `/availability/episodes/${EPISODE}?platform=android`)).body?.available === false, {
    timeoutMs: 10_000,
    intervalMs: 20,
    description: "availability's item is no longer available",
  });
  for (const path of [lists[1]!, lists[2]!])
    await eventually(async () => !holds((await through(t, path)).text, EPISODE), {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: `${path} no longer holds it`,
    });
});

serial('a 404 is kept at the edge until the episode is published, then every address of it answers', async (t) => {
  const id = EPISODE + 1;
  const paths = [`/catalogue/episodes/${id}`, `/availability/episodes/${id}?platform=ios`, `/vod/ios/episodes/${id}`];
  for (const path of paths) {
    await eventually(async () => (await through(t, path)).cache === 'HIT', {
      timeoutMs: 15_000,
      intervalMs: 50,
      description: `the 404 of ${path} kept`,
    });
    t.is((await through(t, path)).status, 404, `${path} is not there yet`);
  }
  const publish = {
    programmeId: 1001,
    title: 'Edge Late Arrival',
    synopsis: 'Not there, then there.',
    seriesNumber: 9,
    orderInSeries: 2,
    orderInProgramme: 100,
    durationSeconds: 3600,
  };
  t.is((await command(t, 'PUT', `/catalogue/episodes/${id}`, publish, { 'if-none-match': '*' })).status, 201);
  for (const path of paths)
    await eventually(async () => (await through(t, path)).status === 200, {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: `${path} answers once the episode is published`,
    });
});

serial('a synopsis revision is fresh in every answer holding the episode, and leaves the lists that do not hold it cached', async (t) => {
  const holding = ['/catalogue/episodes/123456', '/vod/ios/episodes?q=downton', '/vod/ios/episodes/123456'];
  const elsewhere = ['/availability/episodes?platform=ios&q=vera', '/vod/ios/episodes?q=vera'];
  await warm(t, [...holding, ...elsewhere]);
  const current = await fetch(`${t.context.origin}/catalogue/episodes/123456`, { headers: { accept: 'application/hal+json' } });
  const episode = (await current.json()) as Record<string, unknown>;
  const synopsis = `Revised at the edge ${Date.now()}`;
  const { programmeId, title, seriesNumber, orderInSeries, orderInProgramme, durationSeconds } = episode;
  const revise = { programmeId, title, synopsis, seriesNumber, orderInSeries, orderInProgramme, durationSeconds };
  t.is((await command(t, 'PUT', '/catalogue/episodes/123456', revise, { 'if-match': current.headers.get('etag')! })).status, 200);
  for (const path of holding)
    await eventually(async () => (await through(t, path)).text.includes(synopsis), {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: `${path} shows the new synopsis`,
    });
  // Purged by then (the revision's first purge went out before any of the above turned fresh).
  for (const path of elsewhere) t.is((await through(t, path)).cache, 'HIT', `${path} holds no Downton Abbey and stays cached`);
});

serial('a withdrawal is fresh through Varnish for the episode and every list that held it', async (t) => {
  const now = Date.now();
  t.is(
    (
      await command(t, 'POST', '/licencing/licences', {
        episodeId: EPISODE,
        platform: 'web',
        startDate: seconds(now - 3_600_000),
        endDate: seconds(now + 30 * 86_400_000),
      })
    ).status,
    201,
  );
  const lists = ['/availability/episodes?platform=web&q=downton', '/vod/web/episodes?q=downton'];
  for (const path of lists)
    await eventually(async () => holds((await through(t, path)).text, EPISODE), {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: `${path} holds it`,
    });
  const paths = [...lists, `/catalogue/episodes/${EPISODE}`, `/vod/web/episodes/${EPISODE}`];
  await warm(t, paths);
  const etag = (await fetch(`${t.context.origin}/catalogue/episodes/${EPISODE}`)).headers.get('etag')!;
  t.is((await command(t, 'POST', `/catalogue/episodes/${EPISODE}/withdrawal`, undefined, { 'if-match': etag })).status, 200);
  for (const path of lists)
    await eventually(async () => !holds((await through(t, path)).text, EPISODE), {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: `${path} no longer holds it`,
    });
  await eventually(async () => (await through(t, `/vod/web/episodes/${EPISODE}`)).status === 404, {
    timeoutMs: 10_000,
    intervalMs: 20,
    description: 'the gateway item is gone',
  });
  await eventually(async () => /withdrawn/.test((await through(t, `/catalogue/episodes/${EPISODE}`)).text), {
    timeoutMs: 10_000,
    intervalMs: 20,
    description: 'the catalogue says withdrawn',
  });
});

serial('the invalidator counts its purges in /metrics', async (t) => {
  const metrics = await (await fetch(`${t.context.origin}/metrics`)).text();
  t.regex(metrics, /vod_edge_purges_total\{outcome="purged",kind="first"\} [1-9]/);
  t.regex(metrics, /vod_edge_purged_objects_total [1-9]/);
});
