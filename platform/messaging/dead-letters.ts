import type { ChannelModel, GetMessage } from 'amqplib';
import { headers, originalRoutingKey, republishOptions } from './amqp-message.ts';
import { createConfirmPublisher } from './confirm-publisher.ts';

/** One dead-lettered message as an operator sees it. */
export interface DeadLetter {
  readonly messageId: string | undefined;
  readonly routingKey: string;
  readonly retries: number;
  readonly lastError: string | undefined;
  readonly consumer: string | undefined;
  readonly headers: Record<string, unknown>;
  readonly body: string;
}

/** Which messages an operation applies to: one message id, or all of them. */
export type Selection = { readonly all: true } | { readonly messageId: string };

/** `availability` and `availability.dlq` both name the dead-letter queue `availability.dlq`. */
export const deadLetterQueueName = (name: string): string => (name.endsWith('.dlq') ? name : `${name}.dlq`);

const describe = (message: GetMessage): DeadLetter => {
  const h = (message.properties.headers ?? {}) as Record<string, unknown>;
  return {
    messageId: message.properties.messageId ? String(message.properties.messageId) : undefined,
    routingKey: originalRoutingKey(message),
    retries: Number(h[headers.retries] ?? 0),
    lastError: h[headers.lastError] === undefined ? undefined : String(h[headers.lastError]),
    consumer: h[headers.consumer] === undefined ? undefined : String(h[headers.consumer]),
    headers: h,
    body: message.content.toString('utf8'),
  };
};

const selected = (selection: Selection, message: GetMessage) =>
  'all' in selection || String(message.properties.messageId ?? '') === selection.messageId;

/**
 * Walks a dead-letter queue once: takes every message without acking it, lets `act` decide,
 * and returns the rest to the queue by closing the channel (unacked messages are requeued).
 * Holding them unacked is what stops `basic.get` from handing the same message back twice.
 */
const walk = async (model: ChannelModel, queue: string, act: (message: GetMessage) => Promise<'ack' | 'keep'>): Promise<number> => {
  const channel = await model.createChannel();
  let acted = 0;
  try {
    await channel.checkQueue(queue);
    for (let message = await channel.get(queue); message; message = await channel.get(queue)) {
      if ((await act(message)) === 'ack') {
        channel.ack(message);
        acted += 1;
      }
    }
  } finally {
    await channel.close().catch(() => undefined);
  }
  return acted;
};

/** Lists what waits in a dead-letter queue, leaving it there. */
export const listDeadLetters = async (model: ChannelModel, queue: string): Promise<DeadLetter[]> => {
  const found: DeadLetter[] = [];
  await walk(model, queue, async (message) => {
    found.push(describe(message));
    return 'keep';
  });
  return found;
};

/**
 * Republishes the selected messages to `exchange` with their original routing key (every
 * consumer bound to it sees the event again; consumers are idempotent, so only the one that
 * failed acts on it), as fresh messages with no retry count. Each is removed from the
 * dead-letter queue only after the broker confirmed and routed its copy.
 */
export const replayDeadLetters = async (model: ChannelModel, queue: string, exchange: string, selection: Selection): Promise<number> => {
  const confirm = await model.createConfirmChannel();
  try {
    const publisher = createConfirmPublisher(confirm, 10_000);
    return await walk(model, queue, async (message) => {
      if (!selected(selection, message)) return 'keep';
      const options = republishOptions(message, { [headers.retries]: 0, 'x-replayed-from': queue });
      const { [headers.lastError]: _error, [headers.consumer]: _consumer, ...rest } = options.headers as Record<string, unknown>;
      await publisher.publish(exchange, originalRoutingKey(message), message.content, { ...options, headers: rest });
      return 'ack';
    });
  } finally {
    await confirm.close().catch(() => undefined);
  }
};

/** Drops the selected messages for good. */
export const discardDeadLetters = (model: ChannelModel, queue: string, selection: Selection): Promise<number> =>
  walk(model, queue, async (message) => (selected(selection, message) ? 'ack' : 'keep'));
