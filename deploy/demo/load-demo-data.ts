import type { Logger } from 'pino';
import { demoCatalogue, type DemoCatalogue, type DemoLicence } from './demo-catalogue.ts';
import { readDemoProgress, writeDemoProgress } from './demo-progress.ts';

export interface DemoTarget {
  /** Base URL serving each service (the same origin in the embedded mode). */
  readonly catalogue: string;
  readonly guidance: string;
  readonly licencing: string;
  /** A bearer token with catalogue:write, guidance:write and licencing:write. */
  readonly token: string;
}

/** What a load did: how many of each kind the demo holds, and whether it finished an interrupted load. */
export interface DemoCounts {
  readonly programmes: number;
  readonly episodes: number;
  readonly guidance: number;
  readonly licences: number;
  readonly resumed: boolean;
}

/**
 * Sends one editor's command. With `alreadyThere`, a 412 to a create-only PUT means an earlier,
 * interrupted load made this item: it is kept as it is.
 */
const send = async (method: string, url: string, token: string, body: unknown, headers: Record<string, string> = {}, alreadyThere = false) => {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (alreadyThere && response.status === 412) return void (await response.arrayBuffer());
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
};

/** Runs `work` over `items` with at most `limit` in flight. */
const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
};

/** Whether the catalogue already holds anything (then the demo is not loaded again). */
export const catalogueIsEmpty = async (catalogue: string): Promise<boolean> => {
  const response = await fetch(`${catalogue}/catalogue/events?after=0&limit=1`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`the catalogue's feed answered ${response.status}`);
  return ((await response.json()) as { head: number }).head === 0;
};

const licenceKey = (l: DemoLicence) => `${l.episodeId} ${l.platform} ${Date.parse(l.startDate)} ${Date.parse(l.endDate)}`;

/** The demo licences not granted yet, read from the licencing service episode by episode. */
const licencesToGrant = async (licencing: string, licences: readonly DemoLicence[]): Promise<DemoLicence[]> => {
  const granted = new Set<string>();
  await inParallel([...new Set(licences.map((l) => l.episodeId))], 4, async (episodeId) => {
    const response = await fetch(`${licencing}/licencing/licences?episode=${episodeId}&size=100`, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`the licences of episode ${episodeId} answered ${response.status}`);
    const body = (await response.json()) as { _embedded?: { licences?: DemoLicence[] } };
    for (const licence of body._embedded?.licences ?? []) granted.add(licenceKey(licence));
  });
  return licences.filter((l) => !granted.has(licenceKey(l)));
};

/**
 * Loads the demo catalogue through the editors' own HTTP commands, so every change is a real
 * command producing real events: programmes, then episodes, guidance and licences. With
 * `resume`, items an interrupted load already made are kept and not made twice: creates that
 * answer 412 are skipped, and licences already granted are not granted again.
 */
export const loadDemoData = async (target: DemoTarget, logger: Logger, demo: DemoCatalogue = demoCatalogue(new Date()), { resume = false } = {}): Promise<DemoCounts> => {
  const started = Date.now();
  const create = { 'if-none-match': '*' };
  await inParallel(demo.programmes, 4, ({ programmeId, ...body }) => send('PUT', `${target.catalogue}/catalogue/programmes/${programmeId}`, target.token, body, create, resume));
  await inParallel(demo.episodes, 4, ({ episodeId, ...body }) => send('PUT', `${target.catalogue}/catalogue/episodes/${episodeId}`, target.token, body, create, resume));
  await inParallel(demo.guidance, 4, ({ episodeId, ...body }) => send('PUT', `${target.guidance}/guidance/episodes/${episodeId}`, target.token, body, create, resume));
  const licences = resume ? await licencesToGrant(target.licencing, demo.licences) : demo.licences;
  await inParallel(licences, 4, (licence) => send('POST', `${target.licencing}/licencing/licences`, target.token, licence));
  const counts = { programmes: demo.programmes.length, episodes: demo.episodes.length, guidance: demo.guidance.length, licences: demo.licences.length, resumed: resume };
  logger.info({ ...counts, ms: Date.now() - started }, resume ? 'demo catalogue load resumed and finished' : 'demo catalogue loaded');
  return counts;
};

export interface LoadDemoOnceOptions {
  /** Where the load records its progress (`DATA_DIR`), so that an interrupted load is resumed. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** The demo for a given day: licence windows are relative to the day a load began. */
  readonly demo?: (today: Date) => DemoCatalogue;
  readonly now?: () => Date;
}

/**
 * Loads the demo on a first start, and finishes a load that a stop cut short. An empty catalogue
 * gets a fresh load. A catalogue holding data is left alone, unless this data folder records a
 * demo load that began and never finished: that load is resumed with the same day's windows.
 * Answers the counts, or undefined when nothing needed loading.
 */
export const loadDemoOnce = async (target: DemoTarget, { dataDir, logger, demo = demoCatalogue, now = () => new Date() }: LoadDemoOnceOptions): Promise<DemoCounts | undefined> => {
  const progress = await readDemoProgress(dataDir);
  let today: Date;
  let resume = false;
  if (await catalogueIsEmpty(target.catalogue)) {
    today = now();
    await writeDemoProgress(dataDir, { today: today.toISOString(), finished: false });
    logger.info('first start: loading the demo catalogue through the editors\' commands');
  } else if (progress && !progress.finished) {
    today = new Date(progress.today);
    resume = true;
    logger.warn({ since: progress.today }, 'an earlier demo load was interrupted: resuming it');
  } else {
    return undefined;
  }
  const counts = await loadDemoData(target, logger, demo(today), { resume });
  await writeDemoProgress(dataDir, { today: today.toISOString(), finished: true });
  return counts;
};
