import anyTest, { type TestFn } from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '#platform/lifecycle/logger';
import { bearer } from '#platform/testing/http';
import { startTestPlatform } from '../testing/start-test-platform.ts';
import { demoCatalogue, type DemoCatalogue } from './demo-catalogue.ts';
import { readDemoProgress, writeDemoProgress } from './demo-progress.ts';
import { loadDemoData, loadDemoOnce, type DemoTarget } from './load-demo-data.ts';

/**
 * The demo load on start, against the real embedded platform: a first start loads it, a later
 * start leaves the data alone, and a load cut short (a stop during the first start) is finished
 * on the next start without making anything twice.
 */
const test = anyTest as TestFn<{ url: string; stop: () => Promise<void>; target: DemoTarget; dataDir: string }>;

/** Two programmes of the real demo, with their episodes, guidance and licences, for speed. */
const smallDemo = (today: Date): DemoCatalogue => {
  const full = demoCatalogue(today);
  const programmes = full.programmes.slice(0, 2);
  const ids = new Set(programmes.map((p) => p.programmeId));
  const episodes = full.episodes.filter((e) => ids.has(e.programmeId));
  const episodeIds = new Set(episodes.map((e) => e.episodeId));
  return {
    programmes,
    episodes,
    guidance: full.guidance.filter((g) => episodeIds.has(g.episodeId)),
    licences: full.licences.filter((l) => episodeIds.has(l.episodeId)),
  };
};

const firstDay = new Date('2026-11-20T09:00:00Z');

test.beforeEach(async (t) => {
  const platform = await startTestPlatform();
  const token = (await bearer('catalogue:write', 'guidance:write', 'licencing:write')).slice('Bearer '.length);
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-demo-'));
  t.context = { ...platform, target: { catalogue: platform.url, guidance: platform.url, licencing: platform.url, token }, dataDir };
});
test.afterEach.always(async (t) => {
  await t.context.stop();
  await rm(t.context.dataDir, { recursive: true, force: true });
});

const head = async (url: string, source: string) =>
  ((await (await fetch(`${url}/${source}/events?after=0&limit=1`)).json()) as { head: number }).head;

/** Every licence the licencing service holds for the small demo's episodes, as comparable keys. */
const licenceKeys = async (url: string, demo: DemoCatalogue) => {
  const keys: string[] = [];
  for (const episodeId of new Set(demo.licences.map((l) => l.episodeId))) {
    const body = (await (await fetch(`${url}/licencing/licences?episode=${episodeId}&size=100`)).json()) as {
      _embedded: { licences: { platform: string; startDate: string; endDate: string }[] };
    };
    for (const l of body._embedded.licences) keys.push(`${episodeId} ${l.platform} ${Date.parse(l.startDate)} ${Date.parse(l.endDate)}`);
  }
  return keys.sort();
};
const expectedKeys = (demo: DemoCatalogue) =>
  demo.licences.map((l) => `${l.episodeId} ${l.platform} ${Date.parse(l.startDate)} ${Date.parse(l.endDate)}`).sort();

test('a first start loads the demo and records it as finished', async (t) => {
  const counts = await loadDemoOnce(t.context.target, {
    dataDir: t.context.dataDir,
    logger: silentLogger(),
    demo: smallDemo,
    now: () => firstDay,
  });
  const demo = smallDemo(firstDay);
  t.like(counts, { programmes: 2, episodes: demo.episodes.length, licences: demo.licences.length, resumed: false });
  t.deepEqual(await licenceKeys(t.context.url, demo), expectedKeys(demo));
  t.deepEqual(await readDemoProgress(t.context.dataDir), { today: firstDay.toISOString(), finished: true });
});

test('a later start leaves a catalogue that holds data alone', async (t) => {
  await loadDemoOnce(t.context.target, { dataDir: t.context.dataDir, logger: silentLogger(), demo: smallDemo, now: () => firstDay });
  const before = await Promise.all(['catalogue', 'guidance', 'licencing'].map((s) => head(t.context.url, s)));
  t.is(await loadDemoOnce(t.context.target, { dataDir: t.context.dataDir, logger: silentLogger(), demo: smallDemo }), undefined);
  t.deepEqual(await Promise.all(['catalogue', 'guidance', 'licencing'].map((s) => head(t.context.url, s))), before);
});

test("a load cut short is finished on the next start, with the first day's windows and nothing made twice", async (t) => {
  // What a stop during the first start leaves: the progress record, the catalogue, half the guidance, a third of the licences.
  const demo = smallDemo(firstDay);
  await writeDemoProgress(t.context.dataDir, { today: firstDay.toISOString(), finished: false });
  await loadDemoData(t.context.target, silentLogger(), {
    ...demo,
    guidance: demo.guidance.slice(0, Math.ceil(demo.guidance.length / 2)),
    licences: demo.licences.slice(0, Math.ceil(demo.licences.length / 3)),
  });

  const counts = await loadDemoOnce(t.context.target, {
    dataDir: t.context.dataDir,
    logger: silentLogger(),
    demo: smallDemo,
    now: () => new Date('2026-11-25T12:00:00Z'),
  });

  t.like(counts, { resumed: true, licences: demo.licences.length });
  t.deepEqual(await licenceKeys(t.context.url, demo), expectedKeys(demo));
  t.is(await head(t.context.url, 'guidance'), demo.guidance.length);
  t.is(await head(t.context.url, 'catalogue'), demo.programmes.length + demo.episodes.length);
  t.deepEqual(await readDemoProgress(t.context.dataDir), { today: firstDay.toISOString(), finished: true });
});
