import { pino, type Logger } from 'pino';
import { currentTrace } from './trace-scope.ts';

/**
 * Structured JSON logs on stdout, one logger per process, a child per component. Every line
 * written while a request or an event is being handled carries its `traceId`, so one user
 * request can be followed across processes with a single search.
 */
export const createLogger = (name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger =>
  pino({
    name,
    level,
    base: { service: name },
    mixin: () => {
      const trace = currentTrace();
      return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
    },
  });

/** A logger that drops everything; for tests. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
