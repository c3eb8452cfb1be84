import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = { 40: '\u001b[33m', 50: '\u001b[31m', 60: '\u001b[31m' };
const RESET = '\u001b[0m';
const DIM = '\u001b[2m';

/** Fields every line has or that only machines follow: left out of the terminal line. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'traceId', 'spanId', 'requestId', 'err']);

/**
 * What a terminal leaves out at `info`: one line per request answered and per event handled
 * (about 6,800 during the demo load). They stay in the JSON log, and on a terminal a failed
 * request (a 5xx) or any warning still shows.
 */
const routine = (line: Record<string, unknown>): boolean =>
  line.level === 30 && (line.msg === 'event handled' || (line.msg === 'request' && typeof line.status === 'number' && line.status < 500));

const show = (value: unknown): string =>
  typeof value === 'string' ? (/\s/.test(value) ? JSON.stringify(value) : value) : JSON.stringify(value);

const clock = (time: unknown) => (typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '--:--:--');

/** One pino JSON line as a short line for a person: time, level, component, message, then its fields. */
export const formatForTerminal = (json: string, { colour = true } = {}): string | undefined => {
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  if (routine(line)) return undefined;
  const level = typeof line.level === 'number' ? line.level : 30;
  const who = [line.service, line.component].filter((v) => typeof v === 'string' && v !== line.name).join('/');
  const fields = Object.entries(line)
    .filter(([key]) => !HIDDEN.has(key) && key !== 'service' && key !== 'component')
    .map(([key, value]) => `${key}=${show(value)}`);
  const err = line.err as { message?: string; stack?: string } | undefined;
  const head = `${colour ? DIM : ''}${clock(line.time)}${colour ? RESET : ''} ${colour && COLOURS[level] ? COLOURS[level] : ''}${LEVELS[level] ?? level}${colour && COLOURS[level] ? RESET : ''} ${who ? `${who}: ` : ''}${String(line.msg ?? '')}`;
  const detail = fields.length > 0 ? `  ${colour ? DIM : ''}${fields.join(' ')}${colour ? RESET : ''}` : '';
  const error = err ? `\n  ${level >= 50 ? (err.stack ?? err.message) : err.message}` : '';
  return `${head}${detail}${error}\n`;
};

/**
 * A pino destination for a person at a terminal: short lines, routine per-request and per-event
 * lines left out (see `routine`). Written synchronously, in this thread, so no line is lost at
 * exit and no worker thread costs memory. `createLogger` picks it when stdout is a terminal;
 * anywhere else (a pipe, a file, a container's log) the log stays one JSON object per line.
 */
export const terminalLog = (out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): DestinationStream => ({
  write(json: string) {
    const text = formatForTerminal(json, { colour: out.isTTY === true && !process.env.NO_COLOR });
    if (text) out.write(text);
  },
});
