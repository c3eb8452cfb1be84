import type { Logger } from 'pino';
import { demoCatalogue, type DemoCatalogue } from './demo-catalogue.ts';

export interface DemoTarget {
  /** Base URL serving each service (the same origin in the embedded mode). */
  readonly catalogue: string;
  readonly guidance: string;
  readonly licencing: string;
  /** A bearer token with catalogue:write, guidance:write and licencing:write. */
  readonly token: string;
}

const send = async (method: string, url: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
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

/**
 * Loads the demo catalogue through the editors' own HTTP commands, so every change is a real
 * command producing real events: programmes, then episodes, guidance and licences.
 */
export const loadDemoData = async (target: DemoTarget, logger: Logger, demo: DemoCatalogue = demoCatalogue(new Date())) => {
  const started = Date.now();
  const create = { 'if-none-match': '*' };
  await inParallel(demo.programmes, 4, ({ programmeId, ...body }) => send('PUT', `${target.catalogue}/catalogue/programmes/${programmeId}`, target.token, body, create));
  await inParallel(demo.episodes, 4, ({ episodeId, ...body }) => send('PUT', `${target.catalogue}/catalogue/episodes/${episodeId}`, target.token, body, create));
  await inParallel(demo.guidance, 4, ({ episodeId, ...body }) => send('PUT', `${target.guidance}/guidance/episodes/${episodeId}`, target.token, body, create));
  await inParallel(demo.licences, 4, (licence) => send('POST', `${target.licencing}/licencing/licences`, target.token, licence));
  const counts = { programmes: demo.programmes.length, episodes: demo.episodes.length, guidance: demo.guidance.length, licences: demo.licences.length };
  logger.info({ ...counts, ms: Date.now() - started }, 'demo catalogue loaded');
  return counts;
};
