import anyTest, { type TestFn } from 'ava';
import fc from 'fast-check';
import { eventually } from '#platform/testing/eventually';
import { editorOf, type Editor } from './testing/editor.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * One owner per fact, for any editor history: random grants (adjacent, overlapping, apart, in
 * the past or to come) and revocations on random platforms, sent through the real editors' API
 * of the embedded platform; once availability has applied every event, the gateway's facts
 * (available, window, licences) equal availability's for every client and version. Window edges
 * are whole hours away from now, so both answers are about the same instant.
 */
const test = anyTest as TestFn<{ url: string; stop: () => Promise<void>; editor: Editor }>;

const PLATFORMS = ['ios', 'android', 'samsung', 'web'] as const;
const HOUR = 3_600_000;

test.before(async (t) => {
  const platform = await startTestPlatform({ GATEWAY_RATE_LIMIT: '0', GATEWAY_UPSTREAM_TIMEOUT_MS: '5000', GATEWAY_DEADLINE_MS: '10000' });
  const editor = await editorOf(platform.url);
  await editor.publishProgramme(8001, 'Property Street');
  t.context = { ...platform, editor };
});
test.after.always((t) => t.context.stop());

const command = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('grant' as const),
      platform: fc.constantFrom(...PLATFORMS),
      startHours: fc.integer({ min: -48, max: 48 }),
      hours: fc.integer({ min: 1, max: 72 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke' as const), which: fc.nat() }) },
);

/** Waits until availability has applied every event the services logged. */
const caughtUp = (url: string) =>
  eventually(
    async () => {
      const status = (await (await fetch(`${url}/availability/status`)).json()) as { sources: { lagEvents: number | null }[] };
      return status.sources.every((s) => s.lagEvents === 0);
    },
    { timeoutMs: 30_000, description: 'availability caught up with every feed' },
  );

type Facts = { available: boolean; availableFrom: string | null; availableUntil: string | null; licenceIds: string[] };

test("for any editor history, every gateway fact equals availability's answer, in every client and version", async (t) => {
  const { url, editor } = t.context;
  let episodeId = 800_100;
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 6 }), async (history) => {
      episodeId += 1;
      await editor.publishEpisode(episodeId, 8001, `Episode ${episodeId}`);
      const granted: string[] = [];
      const base = Math.floor(Date.now() / HOUR) * HOUR + HOUR / 2;
      for (const c of history) {
        if (c.kind === 'grant')
          granted.push(
            await editor
              .grantLicence(episodeId, c.platform, base + c.startHours * HOUR, base + (c.startHours + c.hours) * HOUR)
              .catch(() => ''),
          );
        else if (granted.length > 0 && granted[c.which % granted.length])
          await editor.revokeLicence(granted[c.which % granted.length]!).catch(() => undefined);
      }
      await caughtUp(url);
      for (const platform of PLATFORMS) {
        const response = await fetch(`${url}/availability/episodes/${episodeId}?platform=${platform}`);
        if (response.status !== 200) continue;
        const facts = (await response.json()) as Facts;
        const expected = {
          available: facts.available,
          start: facts.availableFrom,
          end: facts.availableUntil,
          licenceIds: facts.licenceIds,
        };
        for (const version of [1, 2]) {
          const item = (await (
            await fetch(`${url}/vod/${platform}/episodes/${episodeId}`, {
              headers: { accept: `application/vnd.itv.ctv.production.v${version}+hal+json` },
            })
          ).json()) as Record<string, unknown> & { window?: { start: string; end: string; licenceIds: string[] } };
          const carried =
            version === 1
              ? { available: item.available, start: item.startDate, end: item.endDate, licenceIds: item.licenceIds }
              : { available: item.available, start: item.window!.start, end: item.window!.end, licenceIds: item.window!.licenceIds };
          t.deepEqual(carried, expected, `episode ${episodeId} on ${platform} v${version} after ${JSON.stringify(history)}`);
          compared += 1;
        }
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
  );
  t.true(compared > 0, 'some answers were compared');
  t.log(`${compared} gateway answers compared with availability's`);
});
