import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Next } from 'koa';
import { mountComponents } from '../../../deploy/component.ts';
import { composePlatform, type ComponentName } from '../../../deploy/compose-platform.ts';
import { embeddedTestVariables } from '../../../deploy/testing/embedded-test-variables.ts';
import { readConfig } from '#platform/config/config';
import { createHttpApp } from '#platform/http/app';
import { silentLogger } from '#platform/lifecycle/logger';
import type { EventEnvelope } from '#platform/messaging/event-envelope';

/**
 * Rewrites a JSON body on its way out. Production never has one: the guard test passes one to
 * prove that a provider changing its representation fails verification.
 */
export type RepresentationMapper = (path: string, body: Record<string, unknown>) => Record<string, unknown>;

export interface ProviderHostOptions {
  /** The components to run, composed by the real composition root on the embedded adapters. */
  readonly components: readonly ComponentName[];
  readonly mapRepresentation?: RepresentationMapper;
}

const mapping = (map: RepresentationMapper) => async (ctx: Context, next: Next) => {
  await next();
  if (ctx.body && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body))
    ctx.body = map(ctx.path, structuredClone(ctx.body) as Record<string, unknown>);
};

/**
 * Real services for provider verification: `composePlatform` on PGlite in a temporary folder
 * and the in-process bus, served through the platform's koa app on a loopback port. Every
 * event the services relay to the bus is recorded, so message verification checks what a
 * consumer would really receive (positions included), not a hand-written envelope.
 */
export const startProviderHost = async ({ components, mapRepresentation }: ProviderHostOptions) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-contracts-'));
  const config = readConfig(embeddedTestVariables(dataDir, 0));
  const logger = silentLogger();
  const platform = await composePlatform(config, logger, components);
  const published: EventEnvelope[] = [];
  await platform.bus.subscribe({ consumer: 'contract-verification', patterns: ['#'], handle: async (event) => void published.push(event) });

  const app = createHttpApp({ logger });
  if (mapRepresentation) app.use(mapping(mapRepresentation));
  mountComponents(app, platform.components);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The gateway, when hosted, reaches the services through this app, as in the embedded mode.
  const handle = app.callback();
  platform.listening(url, (request, response) => void handle(request, response));
  for (const component of platform.components) await component.start();

  return {
    url,
    services: platform.services,
    /** Every event relayed to the bus so far, in delivery order. */
    published: published as readonly EventEnvelope[],
    async stop() {
      for (const component of [...platform.components].reverse()) await component.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

export type ProviderHost = Awaited<ReturnType<typeof startProviderHost>>;
