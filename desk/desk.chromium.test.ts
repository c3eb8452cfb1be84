import { mkdirSync } from 'node:fs';
import test from 'ava';
import { startTestPlatform } from '../deploy/testing/start-test-platform.ts';
import { bearer } from '#platform/testing/http';
import { accessibilityProblems, chromiumPresent, DAY, iso, launch, midnight, SHOTS, signIn } from './testing/browser.ts';

const browserTest = chromiumPresent("the desk's browser test") ? test : test.skip;

/** Downton Abbey's episode 123456 as the seed has it: restricted, licensed on ios now, not on samsung. */
const seed = async (url: string) => {
  const auth = await bearer('catalogue:write', 'guidance:write', 'licencing:write');
  const put = (path: string, body: unknown, method = 'PUT') =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => {
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    });
  await put('/catalogue/programmes/1001', { title: 'Downton Abbey', channel: 'ITV', synopsis: 'The Crawley family and their servants.' });
  await put('/catalogue/episodes/123456', {
    programmeId: 1001,
    title: 'Series 3, Episode 2',
    synopsis: 'Maggie Smith, Hugh Bonneville and Elizabeth McGovern star.',
    seriesNumber: 3,
    orderInSeries: 2,
    orderInProgramme: 23,
    durationSeconds: 2820,
  });
  await put('/guidance/episodes/123456', { restricted: true, message: 'Contains Strong Language' });
  await put(
    '/licencing/licences',
    { episodeId: 123456, platform: 'ios', startDate: iso(midnight(-3)), endDate: iso(midnight(60)) },
    'POST',
  );
};

const licencesOn = async (url: string, platform: string) =>
  (
    (await (await fetch(`${url}/licencing/licences?episode=123456&platform=${platform}`)).json()) as {
      _embedded: { licences: { startDate: string; status: string }[] };
    }
  )._embedded.licences;

browserTest(
  'an editor signs in, finds Downton Abbey 123456, lifts its guidance, grants samsung a licence from tomorrow, previews tomorrow and watches it go live',
  async (t) => {
    const served = await startTestPlatform({ LOG_LEVEL: 'silent' });
    const browser = await launch();
    t.teardown(async () => {
      await browser.close();
      await served.stop();
    });
    mkdirSync(SHOTS, { recursive: true });
    await seed(served.url);
    const url = served.url;

    // Sign in through the platform's OpenID provider, as the chief editor.
    const page = await signIn(browser, url, 'chief-editor');
    t.regex(await page.locator('header').innerText(), /Signed in as Chief Editor/);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'desk_session');
    t.true(cookie?.httpOnly);
    t.is(cookie?.sameSite, 'Lax');
    await page.screenshot({ path: `${SHOTS}/desk-1-signed-in.png` });

    // Find the programme by title, then the episode.
    await page.getByLabel('Find a programme by title').fill('downton');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('link', { name: 'Downton Abbey', exact: true }).click();
    await page.getByRole('link', { name: '123456', exact: true }).click();
    await page.waitForURL(`${url}/desk/episodes/123456`);
    t.regex(await page.title(), /Downton Abbey: Series 3, Episode 2/);
    const main = page.locator('main');
    t.regex(await main.locator('#h-guidance + dl').innerText(), /restricted\s+true/);
    await page.screenshot({ path: `${SHOTS}/desk-2-episode.png`, fullPage: true });
    t.deepEqual(await accessibilityProblems(page), [], 'no serious or critical axe violation on the episode page');

    // A second editor opens the same episode before the first one saves.
    const other = await signIn(browser, url, 'editor-guidance');
    await other.goto(`${url}/desk/episodes/123456`);

    // Lift the guidance restriction; watch it go live.
    const guidance = page.getByRole('form', { name: 'Set the guidance', exact: true });
    await guidance.getByLabel(/Restricted/).uncheck();
    await guidance.getByLabel(/Message shown to viewers/).fill('');
    await guidance.getByRole('button', { name: 'Set the guidance', exact: true }).click();
    await page.waitForURL(/\/desk\/changes\//);
    await page.locator('#live-status', { hasText: 'Live on every platform' }).waitFor({ timeout: 90_000 });
    t.regex(await main.innerText(), /Applied by availability/);
    await page.screenshot({ path: `${SHOTS}/desk-3-guidance-live.png`, fullPage: true });
    t.deepEqual(await accessibilityProblems(page), [], 'no serious or critical axe violation on the live page');

    // The second editor's save meets the precondition: it shows what changed, and overwrites nothing.
    const stale = other.getByRole('form', { name: 'Set the guidance', exact: true });
    await stale.getByLabel(/Message shown to viewers/).fill('Contains Strong Language and Violence');
    await stale.getByRole('button', { name: 'Set the guidance', exact: true }).click();
    const conflict = other.getByRole('alert').filter({ hasText: 'Someone else changed this first' });
    await conflict.waitFor();
    t.regex(await conflict.innerText(), /restricted\s+false\s+true/);
    await other.screenshot({ path: `${SHOTS}/desk-4-conflict.png`, fullPage: true });
    const afterConflict = (await (await fetch(`${url}/guidance/episodes/123456`)).json()) as {
      restricted: boolean;
      message: string | null;
    };
    t.is(afterConflict.restricted, false, "the first editor's change stands");
    t.is(afterConflict.message, null);
    await conflict.getByRole('link', { name: 'Reload the episode', exact: true }).click();
    t.regex(await other.locator('#h-guidance + dl').innerText(), /restricted\s+false/);

    // Grant samsung a licence from tomorrow, double-clicking the button.
    await page.goto(`${url}/desk/episodes/123456`);
    const tomorrow = midnight(1);
    const grant = page.getByRole('form', { name: 'Grant a licence', exact: true });
    await grant.getByLabel('Platform').selectOption('samsung');
    await grant.getByLabel(/Window opens/).fill(iso(tomorrow));
    await grant.getByLabel(/Window closes/).fill(iso(tomorrow + 30 * DAY));
    await grant.getByRole('button', { name: 'Grant a licence', exact: true }).dblclick();
    // The second click's submission aborts the first one's navigation (net::ERR_ABORTED), which
    // rejects a wait that caught the first: wait again for the one that lands.
    await page.waitForURL(/\/desk\/changes\//).catch(() => page.waitForURL(/\/desk\/changes\//));
    await page.locator('#live-status', { hasText: 'Live on every platform' }).waitFor({ timeout: 90_000 });
    await page.screenshot({ path: `${SHOTS}/desk-5-grant-live.png`, fullPage: true });
    const samsung = await licencesOn(url, 'samsung');
    t.is(samsung.length, 1, 'a double click grants one licence');
    t.is(samsung[0]!.startDate, iso(tomorrow));

    // Preview what samsung shows tomorrow.
    await page.getByRole('link', { name: 'Back to the episode', exact: true }).click();
    await page.getByRole('textbox', { name: /Preview at/ }).fill(iso(tomorrow + 3600_000));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const samsungRow = page.locator('#h-availability ~ table tr', { has: page.locator('th', { hasText: /^samsung$/ }) });
    const [nowCell, tomorrowCell] = await samsungRow.locator('td').allInnerTexts();
    t.regex(nowCell ?? '', /^not available/);
    t.regex(tomorrowCell ?? '', /^available/);
    await page.screenshot({ path: `${SHOTS}/desk-6-preview-tomorrow.png`, fullPage: true });
    t.regex(await page.locator('#h-history ~ table').innerText(), /guidance\.episode\.guidance-set[\s\S]*chief-editor/);

    // A grant of the very same licence again is refused beside the form, with the existing one named.
    const again = page.getByRole('form', { name: 'Grant a licence', exact: true });
    await again.getByLabel('Platform').selectOption('samsung');
    await again.getByLabel(/Window opens/).fill(iso(tomorrow));
    await again.getByLabel(/Window closes/).fill(iso(tomorrow + 30 * DAY));
    await again.getByRole('button', { name: 'Grant a licence', exact: true }).click();
    t.regex(
      await page.getByRole('form', { name: 'Grant a licence', exact: true }).getByRole('alert').first().innerText(),
      /Conflict[\s\S]*existing licence: \/licencing\/licences\//,
    );
    t.is((await licencesOn(url, 'samsung')).length, 1);
  },
);
