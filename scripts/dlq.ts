import { connect } from 'amqplib';
import { readConfig } from '#platform/config/config';
import {
  deadLetterQueueName,
  discardDeadLetters,
  listDeadLetters,
  replayDeadLetters,
  type Selection,
} from '#platform/messaging/dead-letters';
import { runScript } from './run-script.ts';

const usage = `usage: npm run dlq -- <command> <queue> [messageId|--all]

  list    <queue>                      what waits in the dead-letter queue
  show    <queue> <messageId>          one message: headers, last error, body
  replay  <queue> <messageId|--all>    republish to the exchange with the original routing key
  discard <queue> <messageId|--all>    drop for good

<queue> is a consumer name (availability) or its dead-letter queue (availability.dlq).
Reads AMQP_URL and AMQP_EXCHANGE.`;

const fail = (message: string): never => {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
};

const selectionFrom = (argument: string | undefined): Selection => {
  if (argument === '--all') return { all: true };
  if (!argument) return fail('say which message (its messageId) or --all');
  return { messageId: argument };
};

/** Where the tool was connecting, for the one line a failure prints (credentials left out). */
let amqpTarget: string | undefined;

const main = async () => {
  const [command, name, target] = process.argv.slice(2);
  if (!command || !['list', 'show', 'replay', 'discard'].includes(command))
    return fail(command ? `unknown command: ${command}` : 'no command');
  if (!name) return fail('no queue given');
  const config = readConfig();
  if (!config.AMQP_URL) return fail('AMQP_URL is not set');
  const queue = deadLetterQueueName(name);
  amqpTarget = `RabbitMQ at ${config.AMQP_URL.replace(/\/\/[^@]*@/, '//')}`;
  const model = await connect(config.AMQP_URL, { clientProperties: { connection_name: 'dlq-tool' } });
  model.on('error', () => undefined);
  try {
    if (command === 'list') {
      const letters = await listDeadLetters(model, queue);
      console.log(`${queue}: ${letters.length} message(s)`);
      for (const l of letters) console.log([l.messageId ?? '(no id)', l.routingKey, `retries=${l.retries}`, l.lastError ?? ''].join('\t'));
    } else if (command === 'show') {
      if (!target) return fail('show needs a messageId');
      const letter = (await listDeadLetters(model, queue)).find((l) => l.messageId === target);
      if (!letter) {
        console.error(`no message ${target} in ${queue}`);
        process.exitCode = 1;
        return;
      }
      let body: unknown = letter.body;
      try {
        body = JSON.parse(letter.body);
      } catch {
        // Shown as the raw text it is: an unparsable body is often why it is here.
      }
      console.log(JSON.stringify({ ...letter, body }, null, 2));
    } else if (command === 'replay') {
      const replayed = await replayDeadLetters(model, queue, config.AMQP_EXCHANGE, selectionFrom(target));
      console.log(`replayed ${replayed} message(s) from ${queue} to exchange ${config.AMQP_EXCHANGE}`);
      if (replayed === 0) process.exitCode = 1;
    } else {
      const discarded = await discardDeadLetters(model, queue, selectionFrom(target));
      console.log(`discarded ${discarded} message(s) from ${queue}`);
      if (discarded === 0) process.exitCode = 1;
    }
  } finally {
    await model.close();
  }
};

runScript('dlq', main, () => amqpTarget);
