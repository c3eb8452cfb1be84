import { loadavg } from 'node:os';
import { observeChange } from '../../desk/live.ts';
import type { TrackedChange } from '../../desk/session.ts';
import { createUpstream, type ServiceName } from '../../desk/upstream.ts';
import { startTestPlatform } from '../../deploy/testing/start-test-platform.ts';
import { bearer, testAuth } from '#platform/testing/http';
import { median, type BenchModule, type BenchRow } from '../bench-module.ts';
import { startDistributedProcesses } from './distributed-processes.ts';

const SAVES = 20;
const POLL_MS = 50;
const EPISODE = 123456;

interface Target {
  readonly origins: Readonly<Record<ServiceName, string>>;
  readonly authorization: string;
}

/**
 * Seeds an episode licensed on every platform, then makes 20 guidance saves one after the
 * other, following each with the desk's own observer (desk/live.ts, polled every 50 ms) until
 * every platform's gateway answer carries it: the times from the save's request to "live on
 * every platform", as the desk's live page reports them.
 */
interface Times {
  readonly live: number[];
  readonly applied: number[];
  /** The save's own answer: the baseline, what the editor waits for before the page changes. */
  readonly answered: number[];
}

const saveToLive = async ({ origins, authorization }: Target): Promise<Times> => {
  const send = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const service = path.split('/')[1] as ServiceName;
    const r = await fetch(`${origins[service]}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r;
  };
  const upstream = createUpstream({ origins, auth: testAuth });
  const form = await upstream.get<{ _templates?: { default?: { properties: { name: string; options?: { inline: string[] } }[] } } }>(
    '/licencing/licences',
  );
  const platforms = form.body?._templates?.default?.properties.find((p) => p.name === 'platform')?.options?.inline ?? [];
  if (platforms.length === 0) throw new Error('licencing offers no platforms');
  await send('PUT', '/catalogue/programmes/1001', { title: 'Downton Abbey', channel: 'ITV', synopsis: 'The Crawley family.' });
  await send('PUT', `/catalogue/episodes/${EPISODE}`, {
    programmeId: 1001,
    title: 'Series 3, Episode 2',
    synopsis: 'Downton.',
    seriesNumber: 3,
    orderInSeries: 2,
    orderInProgramme: 23,
    durationSeconds: 2820,
  });
  for (const platform of platforms)
    await send('POST', '/licencing/licences', {
      episodeId: EPISODE,
      platform,
      startDate: '2020-01-01T00:00:00Z',
      endDate: '2099-01-01T00:00:00Z',
    });
  let etag = (await send('PUT', `/guidance/episodes/${EPISODE}`, { restricted: true, message: 'Contains Strong Language' })).headers.get(
    'etag',
  )!;
  const times: number[] = [];
  const applied: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const restricted = i % 2 === 1;
    const savedAt = Date.now();
    const answer = await send(
      'PUT',
      `/guidance/episodes/${EPISODE}`,
      { restricted, message: restricted ? 'Contains Strong Language' : null },
      { 'if-match': etag },
    );
    answered.push(Date.now() - savedAt);
    etag = answer.headers.get('etag')!;
    const change: TrackedChange = {
      id: String(i),
      episodeId: EPISODE,
      service: 'guidance',
      subject: `/guidance/episodes/${EPISODE}`,
      version: Number(etag.replace(/"/g, '')),
      what: 'Set the guidance',
      savedAt,
      liveAt: {},
      cacheUntil: {},
    };
    for (;;) {
      const report = await observeChange(upstream, change, platforms);
      if (report.allLiveAt) {
        times.push(report.allLiveAt - savedAt);
        applied.push((report.appliedAt ?? report.allLiveAt) - savedAt);
        break;
      }
      if (Date.now() - savedAt > 120_000) throw new Error(`save ${i} not live after 120 s: ${JSON.stringify(report)}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  return { live: times, applied, answered };
};

const rows = (mode: string, { live: times, applied, answered }: Times, load: readonly number[]): BenchRow[] => [
  {
    bench: 'desk-live',
    metric: `the save's own answer (baseline), median of ${SAVES} (${mode})`,
    value: median(answered),
    unit: 'ms',
    note: `worst ${Math.max(...answered)} ms`,
  },
  {
    bench: 'desk-live',
    metric: `save to applied by availability, median of ${SAVES} (${mode})`,
    value: median(applied),
    unit: 'ms',
    note: `worst ${Math.max(...applied)} ms (seen by polling: a round of the observer's reads, then 50 ms)`,
  },
  {
    bench: 'desk-live',
    metric: `save to live on every platform, median of ${SAVES} (${mode})`,
    value: median(times),
    unit: 'ms',
    note: `load ${load.map((l) => l.toFixed(1)).join(' → ')}`,
  },
  {
    bench: 'desk-live',
    metric: `save to live on every platform, worst of ${SAVES} (${mode})`,
    value: Math.max(...times),
    unit: 'ms',
    note: `all: ${times.join(' ')}`,
  },
];

/** The same run in the embedded mode (one process, in-process bus, PGlite) and the distributed one (PostgreSQL, RabbitMQ, a process per component). */
export const deskLive: BenchModule = {
  name: 'desk-live',
  async run() {
    const result: BenchRow[] = [];
    const embedded = await startTestPlatform({ LOG_LEVEL: 'silent' });
    try {
      const url = embedded.url;
      const before = loadavg()[0]!;
      const times = await saveToLive({
        origins: { catalogue: url, guidance: url, licencing: url, availability: url, gateway: url },
        authorization: await bearer('catalogue:write', 'guidance:write', 'licencing:write'),
      });
      result.push(...rows('embedded', times, [before, loadavg()[0]!]));
    } finally {
      await embedded.stop();
    }
    const distributed = await startDistributedProcesses(`desk_bench_${process.pid}`);
    try {
      const before = loadavg()[0]!;
      const times = await saveToLive({ origins: distributed.urls, authorization: `Bearer ${distributed.token}` });
      result.push(...rows('distributed', times, [before, loadavg()[0]!]));
    } finally {
      await distributed.stop();
    }
    return result;
  },
};
