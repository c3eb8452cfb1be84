import { pino, type DestinationStream, type Logger } from 'pino';
import { terminalLog } from './terminal-log.ts';
import { currentTrace } from './trace-scope.ts';

/**
 * Structured JSON logs on stdout, one logger per process, a child per component. Every line
 * written while a request or an event is being handled carries its `traceId`, so one user
 * request can be followed across processes with a single search. `destination` defaults to
 * stdout: JSON lines, or short readable lines when stdout is a terminal (`terminalLog`); tests
 * pass a stream to read the lines back.
 */
export const createLogger = (name: string, level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger => {
  const options = {
    name,
    level,
    base: { service: name },
    mixin: () => {
      const trace = currentTrace();
      return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
    },
  };
  return pino(options, destination ?? (process.stdout.isTTY ? terminalLog(process.stdout) : undefined));
};

/** A logger that drops everything; for tests. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
