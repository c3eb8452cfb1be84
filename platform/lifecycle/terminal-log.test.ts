import { PassThrough } from 'node:stream';
import test from 'ava';
import { pino } from 'pino';
import { formatForTerminal, terminalLog } from './terminal-log.ts';

/** A line as pino writes it; the process's own name is not repeated, a component's service is. */
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: Date.UTC(2026, 10, 30, 8, 1, 2), pid: 1, hostname: 'h', name: 'vod', service: 'vod', ...fields });

test('a log line reads as time, level, component, message and its own fields, without colour when asked', (t) => {
  t.is(
    formatForTerminal(line({ component: 'bus', msg: 'connected', url: 'amqp://x', attempts: 2 }), { colour: false }),
    '08:01:02 INFO  bus: connected  url=amqp://x attempts=2\n',
  );
});

test('routine lines are left out at info: each request answered and each event handled', (t) => {
  t.is(formatForTerminal(line({ msg: 'request', status: 201, method: 'POST', path: '/licencing/licences' })), undefined);
  t.is(formatForTerminal(line({ component: 'consumer', msg: 'event handled', type: 'x' })), undefined);
});

test('a failed request, a warning and an error with its stack still show', (t) => {
  t.regex(
    formatForTerminal(line({ msg: 'request', status: 500, path: '/x' }), { colour: false }) ?? '',
    /INFO {2}request {2}status=500 path=\/x/,
  );
  t.regex(formatForTerminal(line({ level: 40, msg: 'request', status: 200 }), { colour: false }) ?? '', /WARN/);
  const error =
    formatForTerminal(line({ level: 50, msg: 'stop failed', err: { message: 'boom', stack: 'Error: boom\n    at here' } }), {
      colour: false,
    }) ?? '';
  t.regex(error, /ERROR stop failed\n {2}Error: boom\n {4}at here\n$/);
});

test('text that is not a JSON line passes through unchanged', (t) => {
  t.is(formatForTerminal('plain words', { colour: false }), 'plain words\n');
});

test('as a pino destination it writes the short lines to the stream it is given', async (t) => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const logger = pino({ name: 'vod', base: { service: 'vod' } }, terminalLog(out));
  logger.info({ url: 'http://127.0.0.1:3000' }, 'listening');
  logger.info({ status: 200 }, 'request');
  t.is(chunks.length, 1);
  t.regex(chunks[0] ?? '', /INFO {2}listening {2}url=http:\/\/127\.0\.0\.1:3000\n$/);
});

test("a service's lines name it", (t) => {
  t.is(
    formatForTerminal(line({ service: 'availability', msg: 'availability caught up from the feeds' }), { colour: false }),
    '08:01:02 INFO  availability: availability caught up from the feeds\n',
  );
});
