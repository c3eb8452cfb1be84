import { silentLogger } from '#platform/lifecycle/logger';
import { createInProcessBus } from '#platform/messaging/in-process-bus';
import type { Database } from '#platform/storage/database';
import { bearer, serveRouters, testAuth } from '#platform/testing/http';
import { createLicencingService } from '../service.ts';

export const PLATFORMS = ['ios', 'android', 'samsung', 'web'] as const;

/** What each HTTP test file shares: one served licencing service and an editor's bearer header. */
export interface Served {
  readonly url: string;
  readonly close: () => Promise<void>;
  readonly editor: string;
  readonly db: Database;
}

/** Serves the real service (koa app, routers, store) on `db`; the caller closes it. */
export const serveLicencing = async (db: Database): Promise<Served> => {
  const service = await createLicencingService({
    db,
    bus: createInProcessBus({ logger: silentLogger() }),
    logger: silentLogger(),
    auth: testAuth,
    platforms: PLATFORMS,
  });
  const served = await serveRouters(service.routers);
  return { ...served, db, editor: await bearer('licencing:write') };
};

type T = { readonly context: Served };

/** Sends a JSON command (a string body is sent as is) with the editor's token unless overridden. */
export const send = (t: T, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.context.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: t.context.editor, ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

let episodes = 500_000;
/** A fresh episode id per call, so tests sharing one store do not see each other's licences. */
export const anEpisode = () => episodes++;

export interface LicenceJson {
  licenceId: string;
  episodeId: number;
  platform: string;
  startDate: string;
  endDate: string;
  status: string;
  _links: Record<string, { href: string }>;
}

/** Grants a licence through the API and returns its body and ETag. */
export const granted = async (t: T, overrides: Record<string, unknown> = {}) => {
  const response = await send(t, 'POST', '/licencing/licences', {
    episodeId: anEpisode(),
    platform: 'ios',
    startDate: '2026-01-01T00:00:00Z',
    endDate: '2026-02-01T00:00:00Z',
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`grant failed: ${response.status} ${await response.text()}`);
  return { licence: (await response.json()) as LicenceJson, etag: response.headers.get('etag')! };
};

/** Reads a problem+json answer, failing when the media type is anything else. */
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

/** The events the service's feed holds for one licence, in log order. */
export const eventsOf = async (t: T, licenceId: string) => {
  const feed = (await (await fetch(`${t.context.url}/licencing/events?after=0&limit=1000`)).json()) as {
    _embedded: { events: { event: { subject: string; type: string; version: number; position: number; data: Record<string, unknown> } }[] };
  };
  return feed._embedded.events.map((item) => item.event).filter((e) => e.subject === `/licencing/licences/${licenceId}`);
};
