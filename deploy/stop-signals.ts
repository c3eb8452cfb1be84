import type { Logger } from 'pino';

export interface StopSignals {
  /**
   * Hands over how to stop once the process serves. A signal that came earlier (during start-up)
   * runs it at once; start-up itself is not cut, so no store is closed mid-migration.
   */
  serving(shutdown: () => Promise<void>): void;
  /** True once SIGTERM or SIGINT arrived: work cut short by the stop is not a start-up failure. */
  requested(): boolean;
}

/**
 * Takes SIGTERM and SIGINT for the whole life of a server process, from its first line, so no
 * stop signal ever meets Node's default action (an immediate exit that resets every request in
 * flight). The first signal starts the shutdown and a deadline: the process exits 0 when the
 * shutdown finished, 1 when it failed or `graceMs` passed. Later signals are logged and ignored:
 * Ctrl-C reaches every process of the terminal's group, and a parent (npm, a supervisor) may
 * forward the same signal again a few milliseconds later, so the second one is the same stop,
 * not a harder one. The deadline still bounds it.
 */
export const handleStopSignals = (logger: Logger, graceMs = 10_000): StopSignals => {
  let shutdown: (() => Promise<void>) | undefined;
  let requested = false;
  const stop = () =>
    shutdown!().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  const onSignal = (signal: NodeJS.Signals) => {
    if (requested) return void logger.info({ signal }, 'already stopping; the repeated signal changes nothing');
    requested = true;
    logger.info({ signal, serving: shutdown !== undefined }, 'signal received');
    setTimeout(() => {
      logger.error(`did not stop within ${graceMs} ms; exiting`);
      process.exit(1);
    }, graceMs).unref();
    if (shutdown) void stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    serving(stopServing) {
      shutdown = stopServing;
      if (requested) void stop();
    },
    requested: () => requested,
  };
};
