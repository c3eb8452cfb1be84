import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import { editorOf } from '../deploy/testing/editor.ts';
import { startTestPlatform } from '../deploy/testing/start-test-platform.ts';
import { eventually } from '#platform/testing/eventually';
import { percentile, type BenchModule, type BenchRow } from './bench-module.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4) * 2;
const CONNECTIONS = 32;
const EPISODES = 120;
const PLATFORMS = ['ios', 'android', 'samsung', 'web'];
const TITLES = ['Alpha Street', 'Bravo Bay', 'Charlie Road', 'Delta Lane', 'Echo Park', 'Foxtrot Hill'];

/**
 * The embedded process under load against healthy services: the whole platform in one process
 * (PGlite, in-process bus, in-memory projection, the gateway reaching the services through the
 * app with no socket), a small catalogue made through the editors' API, then 32 connections
 * asking a mix of cold and warm pages (four platforms, two versions, six searches, three pages)
 * from the first second. Every answer is read: the figure that matters is incomplete pages
 * (goal 0), beside throughput and latency.
 */
export const run = async (): Promise<BenchRow[]> => {
  const platform = await startTestPlatform({ GATEWAY_RATE_LIMIT: '0' });
  try {
    const editor = await editorOf(platform.url);
    const now = Date.now();
    for (const [i, title] of TITLES.entries()) await editor.publishProgramme(7000 + i, title);
    for (let e = 0; e < EPISODES; e += 1) {
      const id = 700_000 + e;
      await editor.publishEpisode(id, 7000 + (e % TITLES.length), `Episode ${e + 1}`, 1 + Math.floor(e / TITLES.length));
      if (e % 3 === 0) await editor.setGuidance(id, e % 2 === 0, 'Contains Strong Language');
      for (const p of PLATFORMS) await editor.grantLicence(id, p, now + (e % 5 === 0 ? 1 : -1) * 86_400_000, now + 30 * 86_400_000);
    }
    await eventually(
      async () =>
        ((await (await fetch(`${platform.url}/availability/episodes?platform=web&size=1`)).json()) as { total: number }).total === EPISODES,
      { timeoutMs: 60_000, description: 'availability to list every episode' },
    );
    const paths = PLATFORMS.flatMap((p) =>
      ['', 'q=alpha&', 'q=b&', 'q=echo&', 'grouping=alphabetical&', 'available=false&'].flatMap((q) =>
        [1, 2, 3].map((page) => `/vod/${p}/episodes?${q}page=${page}`),
      ),
    );
    const accepts = ['application/vnd.itv.ctv.production.v1+hal+json', 'application/vnd.itv.ctv.production.v2+hal+json'];
    const pool = new Pool(platform.url, { connections: CONNECTIONS });
    const counts = { pages: 0, incomplete: 0, failed: 0 };
    const latencies: number[] = [];
    const until = Date.now() + SECONDS * 1000;
    const worker = async (w: number) => {
      for (let i = w; Date.now() < until; i += CONNECTIONS) {
        const started = performance.now();
        try {
          const response = await pool.request({
            path: paths[i % paths.length]!,
            method: 'GET',
            headers: { accept: accepts[Math.floor(i / paths.length) % 2]! },
          });
          const body = (await response.body.json()) as { incomplete?: boolean };
          if (response.statusCode !== 200) counts.failed += 1;
          else if (body.incomplete) counts.incomplete += 1;
          counts.pages += 1;
        } catch {
          counts.failed += 1;
        }
        latencies.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
    await pool.close();
    const note = `${SECONDS} s from a cold start of the gateway's caches, ${CONNECTIONS} connections, ${paths.length * 2} distinct pages`;
    return [
      {
        bench: 'embedded-gateway-load',
        metric: 'incomplete pages',
        value: counts.incomplete,
        unit: 'pages',
        note: `of ${counts.pages}; goal 0`,
      },
      { bench: 'embedded-gateway-load', metric: 'failed answers', value: counts.failed, unit: 'answers', note: 'non-200 or no answer' },
      { bench: 'embedded-gateway-load', metric: 'pages/s', value: counts.pages / SECONDS, unit: 'req/s', note },
      { bench: 'embedded-gateway-load', metric: 'p50', value: percentile(latencies, 50), unit: 'ms' },
      { bench: 'embedded-gateway-load', metric: 'p99', value: percentile(latencies, 99), unit: 'ms' },
    ];
  } finally {
    await platform.stop();
  }
};

/** The module `bench/run.ts` lists; `tsx bench/embedded-gateway-load.ts` runs it alone. */
export const embeddedGatewayLoad: BenchModule = { name: 'embedded-gateway-load', run };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run())
    console.log(`${row.metric.padEnd(22)} ${row.value.toFixed(2).padStart(10)} ${row.unit.padEnd(6)} ${row.note ?? ''}`);
}
