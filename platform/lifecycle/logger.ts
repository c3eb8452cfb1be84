import { pino, type Logger } from 'pino';

/** Structured JSON logs on stdout, one logger per process, a child per component. */
export const createLogger = (name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger =>
  pino({ name, level, base: { service: name } });

/** A logger that drops everything; for tests. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
