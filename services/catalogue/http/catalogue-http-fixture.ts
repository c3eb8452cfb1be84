import { silentLogger } from '#platform/lifecycle/logger';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import type { Database } from '#platform/storage/database';
import { bearer, serveRouters, testAuth } from '#platform/testing/http';
import { freshPglite } from '#platform/testing/pglite';
import { createCatalogueService } from '../service.ts';

/** What an HTTP test file shares: one served catalogue (one PGlite schema: PGlite's start-up is slow). */
export interface Served {
  readonly url: string;
  readonly close: () => Promise<void>;
  readonly editor: string;
}

/** Serves the real catalogue service through the koa app, on a fresh PGlite schema (closed with it) unless given a database. */
export const serveCatalogue = async (db?: Database): Promise<Served> => {
  const store = db ?? (await freshPglite());
  const service = await createCatalogueService({
    db: store,
    bus: createInProcessBus({ logger: silentLogger() }),
    logger: silentLogger(),
    auth: testAuth,
  });
  const served = await serveRouters(service.routers);
  const close = async () => {
    await served.close();
    if (!db) await store.close();
  };
  return { ...served, close, editor: await bearer('catalogue:write') };
};

type T = { readonly context: Served };

/** Sends a request as an editor; a string body is sent as is (malformed JSON tests). */
export const send = (t: T, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.context.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: t.context.editor, ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

/** A public read, parsed as JSON. */
export const read = async <R = Record<string, unknown>>(t: T, path: string): Promise<R> =>
  (await fetch(`${t.context.url}${path}`)).json() as Promise<R>;

/** Parses a problem+json body, failing the test when the answer is anything else. */
export const problem = async (response: Response) => {
  if (response.headers.get('content-type') !== 'application/problem+json')
    throw new Error(`expected problem+json, got ${response.headers.get('content-type')}`);
  return (await response.json()) as {
    status: number;
    title: string;
    detail?: string;
    code?: string;
    currentETag?: string;
    errors?: unknown[];
  };
};

export const programmeBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Downton Abbey',
  channel: 'ITV',
  synopsis: 'The lives of the aristocratic Crawley family and their servants.',
  ...overrides,
});

export const episodeBody = (programmeId: number, overrides: Record<string, unknown> = {}) => ({
  programmeId,
  title: 'Episode',
  synopsis: 'Things happen at Downton.',
  seriesNumber: 1,
  orderInSeries: 1,
  orderInProgramme: 1,
  durationSeconds: 2820,
  ...overrides,
});
