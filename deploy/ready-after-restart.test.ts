import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import { eventually } from '#platform/testing/eventually';
import { bearer } from '#platform/testing/http';
import { demoCatalogue, type DemoCatalogue } from './demo/demo-catalogue.ts';
import { loadDemoData } from './demo/load-demo-data.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * A third of the demo, Downton Abbey among it: enough events (about 1,100) that catching up
 * from the feeds takes a while after the process listens.
 */
const partOfTheDemo = (today: Date): DemoCatalogue => {
  const full = demoCatalogue(today);
  const programmes = full.programmes.filter((p, i) => p.title === 'Downton Abbey' || i % 3 === 0);
  const episodes = full.episodes.filter((e) => programmes.some((p) => p.programmeId === e.programmeId));
  const ids = new Set(episodes.map((e) => e.episodeId));
  return {
    programmes,
    episodes,
    guidance: full.guidance.filter((g) => ids.has(g.episodeId)),
    licences: full.licences.filter((l) => ids.has(l.episodeId)),
  };
};

const QUERY = '/availability/episodes?platform=ios&channel=ITV&q=Downton';
const total = async (url: string) => ((await (await fetch(`${url}${QUERY}`)).json()) as { total: number }).total;

test('after a restart, availability answers its real queries from the first moment readiness says 200', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-restart-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const first = await startTestPlatform({ DATA_DIR: dataDir });
  const token = (await bearer('catalogue:write', 'guidance:write', 'licencing:write')).slice('Bearer '.length);
  await loadDemoData({ catalogue: first.url, guidance: first.url, licencing: first.url, token }, silentLogger(), partOfTheDemo(new Date()));
  const before = await eventually(() => total(first.url), { timeoutMs: 120_000, description: 'Downton available before the restart' });
  await first.stop();

  const second = await startTestPlatform({ DATA_DIR: dataDir });
  t.teardown(() => second.stop());
  await eventually(async () => (await fetch(`${second.url}/health/ready`)).status === 200, {
    timeoutMs: 180_000,
    intervalMs: 10,
    description: 'ready after the restart',
  });
  t.is(await total(second.url), before, 'the projection holds what it held before the restart as soon as it is ready');
});
