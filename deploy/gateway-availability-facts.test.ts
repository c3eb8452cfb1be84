import anyTest, { type TestFn } from 'ava';
import { eventually } from '#platform/testing/eventually';
import { editorOf } from './testing/editor.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * One owner per fact, end to end: availability decides whether and when an episode is available
 * and the gateway carries that decision into every client and version. The case that went wrong:
 * two adjacent licences on one platform, which availability merges into one window.
 */
const test = anyTest as TestFn<{ url: string; stop: () => Promise<void> }>;

const PLATFORMS = ['ios', 'android', 'samsung', 'web'] as const;
const VERSIONS = [1, 2] as const;
const HOUR = 3_600_000;
const ADJACENT = 500_101;
const COMING = 500_102;

test.before(async (t) => {
  const platform = await startTestPlatform({ GATEWAY_RATE_LIMIT: '0', GATEWAY_UPSTREAM_TIMEOUT_MS: '5000', GATEWAY_DEADLINE_MS: '10000' });
  t.context = platform;
  const editor = await editorOf(platform.url);
  const now = Date.now();
  await editor.publishProgramme(5001, 'Adjacent Affairs');
  await editor.publishEpisode(ADJACENT, 5001, 'Series 1, Episode 1', 1);
  await editor.publishEpisode(COMING, 5001, 'Series 1, Episode 2', 2);
  for (const p of PLATFORMS) {
    await editor.grantLicence(ADJACENT, p, now - 24 * HOUR, now + 2 * HOUR);
    await editor.grantLicence(ADJACENT, p, now + 2 * HOUR, now + 10 * 24 * HOUR);
    await editor.grantLicence(COMING, p, now + 24 * HOUR, now + 48 * HOUR);
  }
});
test.after.always((t) => t.context.stop());

type Facts = { available: boolean; availableFrom: string; availableUntil: string; licenceIds: string[] };
type Item = Record<string, unknown> & { window?: { start: string; end: string; licenceIds: string[] } };

/** Availability's own answer for one episode on one platform, once it knows both licences. */
const availabilityOf = (url: string, id: number, platform: string) =>
  eventually(
    async () => {
      const body = (await (await fetch(`${url}/availability/episodes/${id}?platform=${platform}`)).json()) as Facts;
      return body.licenceIds?.length === (id === ADJACENT ? 2 : 1) && body;
    },
    { timeoutMs: 20_000, description: `availability to know episode ${id}'s licences on ${platform}` },
  );

const accept = (version: number) => ({ accept: `application/vnd.itv.ctv.production.v${version}+hal+json` });

const itemsOf = (page: { _embedded: { productions?: Item[]; rails?: { _embedded: { productions: Item[] } }[] } }): Item[] =>
  page._embedded.productions ?? page._embedded.rails!.flatMap((r) => r._embedded.productions);

/** The window, availability flag and licences of a gateway item, in either version's shape. */
const carried = (item: Item, version: number) =>
  version === 1
    ? { available: item.available, start: item.startDate, end: item.endDate, licenceIds: item.licenceIds }
    : { available: item.available, start: item.window!.start, end: item.window!.end, licenceIds: item.window!.licenceIds };

for (const platform of PLATFORMS) {
  for (const version of VERSIONS) {
    test(`GET /vod/${platform}/episodes v${version} carries availability's merged window of two adjacent licences, and "available" of an episode still to come`, async (t) => {
      const { url } = t.context;
      for (const id of [ADJACENT, COMING]) {
        const facts = await availabilityOf(url, id, platform);
        const expected = {
          available: facts.available,
          start: facts.availableFrom,
          end: facts.availableUntil,
          licenceIds: facts.licenceIds,
        };
        const one = (await (await fetch(`${url}/vod/${platform}/episodes/${id}`, { headers: accept(version) })).json()) as Item;
        t.deepEqual(carried(one, version), expected, `one episode ${id}`);
        const page = (await (
          await fetch(`${url}/vod/${platform}/episodes?q=Adjacent&available=any`, { headers: accept(version) })
        ).json()) as Parameters<typeof itemsOf>[0];
        const listed = itemsOf(page).find((i) => i.episodeId === id)!;
        t.deepEqual(carried(listed, version), expected, `episode ${id} in a list`);
        const programme = version === 1 ? listed.programmeTitle : (listed.programme as { title: string }).title;
        t.is(programme, 'Adjacent Affairs', 'every tile names its programme');
      }
      const adjacent = await availabilityOf(url, ADJACENT, platform);
      t.true(adjacent.available);
      t.true(Date.parse(adjacent.availableUntil) - Date.now() > 9 * 24 * HOUR, "the merged window runs to the second licence's end");
    });
  }
}

test('GET /vod/:platform/episodes?available=true|false passes the filter to availability: what plays now, or what is coming', async (t) => {
  const { url } = t.context;
  await availabilityOf(url, COMING, 'web');
  const ids = async (platform: string, available: string) => {
    const page = (await (
      await fetch(`${url}/vod/${platform}/episodes?q=Adjacent&available=${available}`, { headers: accept(2) })
    ).json()) as Parameters<typeof itemsOf>[0];
    return itemsOf(page).map((i) => i.episodeId);
  };
  for (const platform of PLATFORMS) {
    t.deepEqual(await ids(platform, 'true'), [ADJACENT], platform);
    t.deepEqual(await ids(platform, 'false'), [COMING], platform);
    t.deepEqual(await ids(platform, 'any'), [ADJACENT, COMING], platform);
  }
});
