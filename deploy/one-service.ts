import { ConfigError } from '#platform/config/config';
import { createLogger } from '#platform/lifecycle/logger';
import { COMPONENT_NAMES, composePlatform, type ComponentName } from './compose-platform.ts';
import { assertDistributedRequirements } from './distributed-requirements.ts';
import { describeMode } from './infrastructure.ts';
import { readConfiguration } from './read-configuration.ts';
import { DEFAULT_PORTS } from './ports.ts';
import { serveComponents } from './server.ts';
import { handleStopSignals } from './stop-signals.ts';

/**
 * `npm run start:service -- <name>`: one component in its own process, built by the same
 * composition root as `npm start`. Set AMQP_URL and DATABASE_URL (its schema is the name), and
 * the other components' URLs (CATALOGUE_URL, GUIDANCE_URL, LICENCING_URL, AVAILABILITY_URL);
 * it refuses to start without what DISTRIBUTED_REQUIREMENTS lists for it.
 */
const main = async () => {
  const name = process.argv[2] as ComponentName | undefined;
  if (!name || !COMPONENT_NAMES.includes(name)) {
    console.error(`usage: npm run start:service -- <${COMPONENT_NAMES.join('|')}>`);
    process.exit(2);
  }
  const env = { ...process.env, PORT: process.env.PORT ?? String(DEFAULT_PORTS[name]) };
  const config = readConfiguration(env);
  assertDistributedRequirements(name, env);
  const logger = createLogger(name, config.LOG_LEVEL);
  const stop = handleStopSignals(logger);
  const platform = await composePlatform(config, logger, [name], env);
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
  logger.info({ url: running.url, ...describeMode(config) }, `${name} listening`);
};

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
