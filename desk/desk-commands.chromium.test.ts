import { mkdirSync } from 'node:fs';
import test from 'ava';
import { startTestPlatform } from '../deploy/testing/start-test-platform.ts';
import { bearer } from '#platform/testing/http';
import { accessibilityProblems, chromiumPresent, DAY, iso, launch, midnight, SHOTS, signIn, waitUntilLive } from './testing/browser.ts';

const browserTest = chromiumPresent("the desk's commands browser test") ? test : test.skip;

const EPISODE = 654321;

interface Licence {
  licenceId: string;
  platform: string;
  startDate: string;
  endDate: string;
  status: string;
}

const json = async <T>(url: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(url, { headers: { accept: 'application/hal+json' } });
  return { status: response.status, body: (await response.json()) as T };
};

browserTest(
  'from the browser alone, an editor publishes a new episode, sets its first guidance, grants, amends and revokes a licence, and withdraws the episode',
  async (t) => {
    const served = await startTestPlatform({ LOG_LEVEL: 'silent' });
    const browser = await launch();
    t.teardown(async () => {
      await browser.close();
      await served.stop();
    });
    mkdirSync(SHOTS, { recursive: true });
    const url = served.url;
    const programme = await fetch(`${url}/catalogue/programmes/2002`, {
      method: 'PUT',
      headers: { authorization: await bearer('catalogue:write'), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Vera', channel: 'ITV', synopsis: 'DCI Vera Stanhope.' }),
    });
    t.is(programme.status, 201);

    const page = await signIn(browser, url, 'chief-editor');
    const main = page.locator('main');
    const openEpisode = async () => {
      await page.goto(`${url}/desk/episodes/${EPISODE}`);
      await page.waitForURL(`${url}/desk/episodes/${EPISODE}`);
    };

    // An episode id the catalogue does not hold: the page offers to publish it and to set its first guidance.
    await page.getByLabel('Or open an episode by id').fill(String(EPISODE));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.waitForURL(`${url}/desk/episodes/${EPISODE}`);
    t.regex(await main.locator('#h-catalogue ~ p').first().innerText(), /not \(yet\) in the catalogue/);
    await page.screenshot({ path: `${SHOTS}/desk-commands-1-new-episode.png`, fullPage: true });
    t.deepEqual(await accessibilityProblems(page), [], 'no serious or critical axe violation on a new episode page');

    const publish = page.getByRole('form', { name: 'Publish a new episode', exact: true });
    await publish.getByLabel(/Programme id/).fill('2002');
    await publish.getByLabel(/^Title/).fill('Hidden Depths');
    await publish.getByLabel(/Synopsis/).fill('A boy is found strangled.');
    await publish.getByLabel(/Series number/).fill('1');
    await publish.getByLabel(/Order in series/).fill('2');
    await publish.getByLabel(/Order in programme/).fill('2');
    await publish.getByLabel(/Duration/).fill('5400');
    await publish.getByRole('button', { name: 'Publish a new episode', exact: true }).click();
    await waitUntilLive(page);
    const published = await json<{ title: string; status: string; programmeId: number }>(`${url}/catalogue/episodes/${EPISODE}`);
    t.is(published.status, 200, 'the episode was published');
    t.is(published.body.title, 'Hidden Depths');
    t.is(published.body.programmeId, 2002);

    await openEpisode();
    const firstGuidance = page.getByRole('form', { name: 'Set the first guidance', exact: true });
    await firstGuidance.getByLabel(/Restricted/).check();
    await firstGuidance.getByLabel(/Message shown to viewers/).fill('Contains Violence');
    await firstGuidance.getByRole('button', { name: 'Set the first guidance', exact: true }).click();
    await waitUntilLive(page);
    const guidance = await json<{ restricted: boolean; message: string }>(`${url}/guidance/episodes/${EPISODE}`);
    t.is(guidance.status, 200, 'the first guidance was set');
    t.true(guidance.body.restricted);
    t.is(guidance.body.message, 'Contains Violence');

    // Grant web a licence from yesterday, then amend its window, then revoke it.
    await openEpisode();
    const opens = midnight(-1);
    const grant = page.getByRole('form', { name: 'Grant a licence', exact: true });
    await grant.getByLabel('Platform').selectOption('web');
    await grant.getByLabel(/Window opens/).fill(iso(opens));
    await grant.getByLabel(/Window closes/).fill(iso(opens + 30 * DAY));
    await grant.getByRole('button', { name: 'Grant a licence', exact: true }).click();
    await waitUntilLive(page);
    const licencesOnWeb = async () =>
      (await json<{ _embedded: { licences: Licence[] } }>(`${url}/licencing/licences?episode=${EPISODE}&platform=web`)).body._embedded
        .licences;
    const [granted] = await licencesOnWeb();
    t.is(granted?.endDate, iso(opens + 30 * DAY));

    await openEpisode();
    await page.locator('details summary', { hasText: /^web / }).click();
    const amend = page.getByRole('form', { name: 'Amend the window', exact: true });
    t.is(await amend.getByLabel(/Window closes/).inputValue(), iso(opens + 30 * DAY), 'the amend form starts from the licence as it is');
    await amend.getByLabel(/Window closes/).fill(iso(opens + 10 * DAY));
    await amend.getByRole('button', { name: 'Amend the window', exact: true }).click();
    await waitUntilLive(page);
    const [amended] = await licencesOnWeb();
    t.is(amended?.licenceId, granted?.licenceId);
    t.is(amended?.endDate, iso(opens + 10 * DAY), 'the window was amended');
    t.is(amended?.status, 'active');
    await openEpisode();
    t.regex(
      await page.locator('#h-availability ~ table tr', { has: page.locator('th', { hasText: /^web$/ }) }).innerText(),
      new RegExp(`^web\\s+available[\\s\\S]*→ ${iso(opens + 10 * DAY).slice(0, 10)}`),
    );

    await page.locator('details summary', { hasText: /^web / }).click();
    await page
      .getByRole('form', { name: 'Revoke the licence', exact: true })
      .getByRole('button', { name: 'Revoke the licence', exact: true })
      .click();
    await waitUntilLive(page);
    await page.screenshot({ path: `${SHOTS}/desk-commands-2-revoked-live.png`, fullPage: true });
    const [revoked] = await licencesOnWeb();
    t.is(revoked?.status, 'revoked', 'the licence was revoked');
    await openEpisode();
    t.regex(await page.locator('#h-licences ~ table tr', { has: page.locator('th', { hasText: /^web$/ }) }).innerText(), /\(revoked\)/);
    t.regex(
      await page.locator('#h-availability ~ table tr', { has: page.locator('th', { hasText: /^web$/ }) }).innerText(),
      /^web\s+not available/,
    );
    t.is(await page.locator('details summary', { hasText: /^web / }).count(), 0, 'a revoked licence offers no more commands');

    // Withdraw the episode; the catalogue card then offers to republish it.
    await page
      .getByRole('form', { name: 'Withdraw the episode', exact: true })
      .getByRole('button', { name: 'Withdraw the episode', exact: true })
      .click();
    await waitUntilLive(page);
    t.is((await json<{ status: string }>(`${url}/catalogue/episodes/${EPISODE}`)).body.status, 'withdrawn');
    await openEpisode();
    t.is(await page.getByRole('form', { name: 'Republish the episode', exact: true }).count(), 1);
    t.regex(await page.locator('#h-history ~ table').innerText(), /licencing\.licence\.revoked[\s\S]*chief-editor/);
    await page.screenshot({ path: `${SHOTS}/desk-commands-3-withdrawn.png`, fullPage: true });
  },
);
