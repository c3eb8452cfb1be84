import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { silentLogger } from '#platform/lifecycle/logger';
import { embeddedTestVariables } from './embedded-test-variables.ts';
import { composePlatform, type ComponentName } from '../compose-platform.ts';
import { readConfiguration } from '../read-configuration.ts';
import { serveComponents } from '../server.ts';

/** A port nothing listens on now; the gateway needs its own origin before the server starts. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });

/**
 * The whole embedded platform for an end-to-end test: PGlite in a temporary folder, the
 * in-process bus, the in-memory projection, served on an ephemeral port, tokens signed with
 * `testAuth`. `env` adds or overrides variables, the gateway's included (DEMO_DATA defaults to
 * false here); `options.logger` captures the logs (silent by default); `options.names` composes
 * only some components (default all).
 */
export const startTestPlatform = async (
  env: Record<string, string> = {},
  options: { logger?: Logger; names?: readonly ComponentName[] } = {},
) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-test-'));
  const port = await freePort();
  const vars = { ...embeddedTestVariables(dataDir, port), ...env };
  const config = readConfiguration(vars);
  const logger = options.logger ?? silentLogger();
  const platform = await composePlatform(config, logger, options.names, vars);
  const running = await serveComponents(platform.components, {
    port,
    host: '127.0.0.1',
    logger,
    metrics: platform.metrics,
    asyncTraceScope: platform.asyncTraceScope,
    pageNav: platform.pageNav,
    onListening: platform.listening,
    onStop: platform.close,
  });
  await platform.afterStart();
  return {
    url: running.url,
    platform,
    async stop() {
      await running.shutdown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
