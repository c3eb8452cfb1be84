import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's headless Chromium: the desk's browser tests drive it, never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser is installed; with REQUIRE_SERVICES=1 its absence is an error, not a skip. */
export const chromiumPresent = (what: string): boolean => {
  const present = existsSync(CHROMIUM);
  if (!present) {
    if (process.env.REQUIRE_SERVICES === '1') throw new Error(`${CHROMIUM} is required (REQUIRE_SERVICES=1) but absent`);
    console.warn(`SKIPPING ${what}: ${CHROMIUM} is absent (apt-get install -y chromium)`);
  }
  return present;
};

/** Where screenshots are kept as test output (not committed). */
export const SHOTS = 'test-results';

export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Midnight UTC `offsetDays` from today. */
export const midnight = (offsetDays: number) => {
  const d = new Date(Date.now() + offsetDays * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });

/** Signs `editor` in through the desk and the platform's local OpenID provider; lands on /desk. */
export const signIn = async (browser: Browser, url: string, editor: string): Promise<Page> => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${url}/desk`);
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Editor').fill(editor);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${url}/desk`);
  return page;
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Axe's serious and critical violations on the page, as "rule: target" lines. */
export const accessibilityProblems = async (page: Page): Promise<string[]> => {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

/** After a save: the desk's live page, followed until it says the change is live on every platform. */
export const waitUntilLive = async (page: Page): Promise<void> => {
  await page.waitForURL(/\/desk\/changes\//);
  await page.locator('#live-status', { hasText: 'Live on every platform' }).waitFor({ timeout: 90_000 });
};
