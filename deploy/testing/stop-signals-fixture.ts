import { setTimeout as delay } from 'node:timers/promises';
import { createLogger } from '#platform/lifecycle/logger';
import { handleStopSignals } from '../stop-signals.ts';

/**
 * A process that stops the way the servers do, for stop-signals.test.ts: it takes
 * `STARTUP_MS` to start and `SHUTDOWN_MS` to shut down, and says so on stdout.
 */
const stop = handleStopSignals(createLogger('fixture', 'info'), Number(process.env.GRACE_MS ?? 10_000));
console.warn('starting');
await delay(Number(process.env.STARTUP_MS ?? 0));
console.warn('serving');
stop.serving(async () => {
  await delay(Number(process.env.SHUTDOWN_MS ?? 0));
  console.warn('shut down');
});
setInterval(() => undefined, 1_000);
