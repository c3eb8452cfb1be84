import { ConfigError } from '#platform/config/config';
import { createLogger } from '#platform/lifecycle/logger';
import { DataDirInUseError } from '#platform/storage/data-dir-lock';
import { composePlatform } from './compose-platform.ts';
import { describeMode } from './infrastructure.ts';
import { readConfiguration } from './read-configuration.ts';
import { checkReadmeExamples, README_EXAMPLES, waitUntilReady } from './readme-examples.ts';
import { serveComponents } from './server.ts';
import { handleStopSignals } from './stop-signals.ts';

/**
 * `npm start`: every service, the availability aggregator and the gateway in one process on
 * `PORT`, each under its path prefix. With no configuration it runs embedded (PGlite under
 * ./data, the in-process bus, the in-memory projection) and loads the demo catalogue once.
 */
const main = async () => {
  const config = readConfiguration();
  const logger = createLogger('vod', config.LOG_LEVEL);
  const stop = handleStopSignals(logger);
  logger.info({ sinceStartMs: Math.round(performance.now()) }, 'modules loaded: starting');
  const platform = await composePlatform(config, logger);
  const running = await serveComponents(platform.components, {
    port: config.PORT,
    host: config.HOST,
    logger,
    metrics: platform.metrics,
    asyncTraceScope: platform.asyncTraceScope,
    pageNav: platform.pageNav,
    warmUp: platform.warmUp,
    onListening: platform.listening,
    onStop: platform.close,
  });
  stop.serving(running.shutdown);
  logger.info({ url: running.url, ...describeMode(config), sinceStartMs: Math.round(performance.now()) }, 'listening');
  try {
    await platform.afterStart();
  } catch (error) {
    if (!stop.requested()) throw error;
    logger.warn({ err: error }, 'demo catalogue not loaded: shutting down');
    return;
  }
  if (!(await waitUntilReady(running.url, running.draining))) return;
  const problems = await checkReadmeExamples(running.url);
  if (problems.length > 0) {
    logger.warn(
      { url: running.url, problems },
      "ready, but the README's examples do not answer as documented (DEMO_DATA=false, or the demo catalogue was changed)",
    );
    return;
  }
  logger.info({ url: running.url, sinceStartMs: Math.round(performance.now()) }, "ready: the README's examples answer as documented");
  if (process.stdout.isTTY) console.log(banner(running.url));
};

/** What a person at a terminal reads once everything answers: where, and what to try first. */
const banner = (url: string) => {
  const curl = ({ path, accept }: (typeof README_EXAMPLES)[number]) =>
    `  curl -s ${accept ? `-H 'Accept: ${accept}' ` : ''}'${url}${path}'`;
  return `\nVOD platform ready at ${url}\n${README_EXAMPLES.map(curl).join('\n')}\n`;
};

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : error);
  process.exit(1);
});
