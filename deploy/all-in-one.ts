import { ConfigError } from '../platform/config/config.ts';
import { createLogger } from '../platform/lifecycle/logger.ts';
import { DataDirInUseError } from '../platform/storage/data-dir-lock.ts';
import { composePlatform } from './compose-platform.ts';
import { describeMode } from './infrastructure.ts';
import { readConfiguration } from './read-configuration.ts';
import { serveComponents } from './server.ts';

/**
 * `npm start`: every service, the availability aggregator and the gateway in one process on
 * `PORT`, each under its path prefix. With no configuration it runs embedded (PGlite under
 * ./data, the in-process bus, the in-memory projection) and loads the demo catalogue once.
 */
const main = async () => {
  const config = readConfiguration();
  const logger = createLogger('vod', config.LOG_LEVEL);
  const platform = await composePlatform(config, logger);
  const running = await serveComponents(platform.components, { port: config.PORT, host: config.HOST, logger, metrics: platform.metrics, asyncTraceScope: platform.asyncTraceScope, warmUp: platform.warmUp, onListening: platform.listening, onStop: platform.close });
  logger.info({ url: running.url, ...describeMode(config) }, 'listening');
  try {
    await platform.afterStart();
  } catch (error) {
    if (!running.draining()) throw error;
    logger.warn({ err: error }, 'demo catalogue not loaded: shutting down');
    return;
  }
  console.log(`\nVOD platform ready at ${running.url}\n  try: curl -s ${running.url}/catalogue/episodes/123456\n`);
};

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : error);
  process.exit(1);
});
