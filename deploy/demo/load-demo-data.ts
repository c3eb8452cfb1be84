import type { Logger } from 'pino';
import { request } from 'undici';
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
 * interrupted load made this item: it is kept as it is. Through undici's `request` on its pooled
 * keep-alive connections rather than the global `fetch`, whose per-call cost (~220 against
 * ~55 µs of CPU, DESIGN.md) is paid 3,408 times in the process that also serves the commands.
 */
const send = async (
  method: 'PUT' | 'POST',
  url: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
  alreadyThere = false,
) => {
  const response = await request(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  if (alreadyThere && response.statusCode === 412) return void (await response.body.dump());
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${await response.body.text()}`);
  await response.body.dump();
};

/** Runs `work` over `items` with at most `limit` in flight. */
const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
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
 * Counts commands done and logs how far the load is, at most every `everyMs`, so that a person
 * watching a first start sees it move (a load took 21 s on a quiet machine, minutes on a busy one).
 */
const progressOf = (total: number, logger: Logger, everyMs = 2_000) => {
  let done = 0;
  let logged = Date.now();
  return () => {
    done += 1;
    if (Date.now() - logged < everyMs || done === total) return;
    logged = Date.now();
    logger.info({ done, total }, `demo catalogue: ${done} of ${total} commands sent (${Math.floor((done / total) * 100)} %)`);
  };
};

/** Commands in flight at once: enough to keep the one event loop busy while answers travel, few enough not to queue. */
const IN_FLIGHT = 16;

/**
 * Loads the demo catalogue through the editors' own HTTP commands, so every change is a real
 * command producing real events. Programmes come first (an episode names its programme); then
 * episodes, guidance and licences go side by side, since each service owns its own facts and the
 * availability projection takes events in any order. With `resume`, items an interrupted load
 * already made are kept and not made twice: creates that answer 412 are skipped, and licences
 * already granted are not granted again.
 */
export const loadDemoData = async (
  target: DemoTarget,
  logger: Logger,
  demo: DemoCatalogue = demoCatalogue(new Date()),
  { resume = false } = {},
): Promise<DemoCounts> => {
  const started = Date.now();
  const create = { 'if-none-match': '*' };
  const licences = resume ? await licencesToGrant(target.licencing, demo.licences) : demo.licences;
  const tick = progressOf(demo.programmes.length + demo.episodes.length + demo.guidance.length + licences.length, logger);
  const counted =
    <T>(work: (item: T) => Promise<void>) =>
    async (item: T) => {
      await work(item);
      tick();
    };
  await inParallel(
    demo.programmes,
    IN_FLIGHT,
    counted(({ programmeId, ...body }) =>
      send('PUT', `${target.catalogue}/catalogue/programmes/${programmeId}`, target.token, body, create, resume),
    ),
  );
  const rest: (() => Promise<void>)[] = [
    ...demo.episodes.map(
      ({ episodeId, ...body }) =>
        () =>
          send('PUT', `${target.catalogue}/catalogue/episodes/${episodeId}`, target.token, body, create, resume),
    ),
    ...demo.guidance.map(
      ({ episodeId, ...body }) =>
        () =>
          send('PUT', `${target.guidance}/guidance/episodes/${episodeId}`, target.token, body, create, resume),
    ),
    ...licences.map((licence) => () => send('POST', `${target.licencing}/licencing/licences`, target.token, licence)),
  ];
  await inParallel(
    rest,
    IN_FLIGHT,
    counted((command) => command()),
  );
  const counts = {
    programmes: demo.programmes.length,
    episodes: demo.episodes.length,
    guidance: demo.guidance.length,
    licences: demo.licences.length,
    resumed: resume,
  };
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
export const loadDemoOnce = async (
  target: DemoTarget,
  { dataDir, logger, demo = demoCatalogue, now = () => new Date() }: LoadDemoOnceOptions,
): Promise<DemoCounts | undefined> => {
  const progress = await readDemoProgress(dataDir);
  let today: Date;
  let resume = false;
  if (await catalogueIsEmpty(target.catalogue)) {
    today = now();
    await writeDemoProgress(dataDir, { today: today.toISOString(), finished: false });
    logger.info("first start: loading the demo catalogue through the editors' commands");
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
