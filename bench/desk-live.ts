import { observeChange } from '../desk/live.ts';
import type { TrackedChange } from '../desk/session.ts';
import { createUpstream } from '../desk/upstream.ts';
import { startTestPlatform } from '../deploy/testing/start-test-platform.ts';
import { bearer, testAuth } from '../platform/testing/http.ts';
import { median, type BenchModule } from './bench-module.ts';

const SAVES = 20;
const PLATFORMS = ['ios', 'android', 'samsung', 'web'];
const POLL_MS = 50;

/**
 * The time from an editor's save to "live on every platform", as the desk tells it: each of
 * 20 guidance saves on an episode licensed on every platform is followed with the desk's own
 * observer (desk/live.ts), polled every 50 ms, until every platform's gateway answer carries
 * it. In the embedded mode (one process, in-process bus, PGlite, in-memory projection).
 */
export const deskLive: BenchModule = {
  name: 'desk-live',
  async run() {
    const served = await startTestPlatform({ LOG_LEVEL: 'silent' });
    try {
      const url = served.url;
      const auth = await bearer('catalogue:write', 'guidance:write', 'licencing:write');
      const send = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
        const r = await fetch(`${url}${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
        if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
        return r;
      };
      await send('PUT', '/catalogue/programmes/1001', { title: 'Downton Abbey', channel: 'ITV', synopsis: 'The Crawley family.' });
      await send('PUT', '/catalogue/episodes/123456', { programmeId: 1001, title: 'Series 3, Episode 2', synopsis: 'Downton.', seriesNumber: 3, orderInSeries: 2, orderInProgramme: 23, durationSeconds: 2820 });
      for (const platform of PLATFORMS) await send('POST', '/licencing/licences', { episodeId: 123456, platform, startDate: '2020-01-01T00:00:00Z', endDate: '2099-01-01T00:00:00Z' });
      let etag = (await send('PUT', '/guidance/episodes/123456', { restricted: true, message: 'Contains Strong Language' })).headers.get('etag')!;
      const upstream = createUpstream({ origins: { catalogue: url, guidance: url, licencing: url, availability: url, gateway: url }, auth: testAuth });
      const times: number[] = [];
      for (let i = 0; i < SAVES; i++) {
        const restricted = i % 2 === 1;
        const savedAt = Date.now();
        const answer = await send('PUT', '/guidance/episodes/123456', { restricted, message: restricted ? 'Contains Strong Language' : null }, { 'if-match': etag });
        etag = answer.headers.get('etag')!;
        const change: TrackedChange = { id: String(i), episodeId: 123456, service: 'guidance', subject: '/guidance/episodes/123456', version: Number(etag.replace(/"/g, '')), what: 'Set the guidance', savedAt, liveAt: {}, cacheUntil: {} };
        for (;;) {
          const report = await observeChange(upstream, change, PLATFORMS);
          if (report.allLiveAt) {
            times.push(report.allLiveAt - savedAt);
            break;
          }
          if (Date.now() - savedAt > 120_000) throw new Error(`save ${i} not live after 120 s: ${JSON.stringify(report)}`);
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      }
      return [
        { bench: 'desk-live', metric: 'save to live on every platform, median of 20 (embedded)', value: median(times), unit: 'ms' },
        { bench: 'desk-live', metric: 'save to live on every platform, worst of 20 (embedded)', value: Math.max(...times), unit: 'ms', note: `all: ${times.join(' ')}` },
      ];
    } finally {
      await served.stop();
    }
  },
};
