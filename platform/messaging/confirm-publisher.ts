import type { ConfirmChannel, Message, Options } from 'amqplib';

/** A publish the broker confirmed but could route to no queue (`mandatory` + `basic.return`). */
export class UnroutableError extends Error {
  readonly code = 'UNROUTABLE';
  constructor(
    readonly exchange: string,
    readonly routingKey: string,
    readonly replyText: string,
  ) {
    super(`no queue is bound for routing key "${routingKey}" on exchange "${exchange || '(default)'}": ${replyText}`);
    this.name = 'UnroutableError';
  }
}

/** Publishes on one confirm channel and resolves only when the broker has taken the message. */
export interface ConfirmPublisher {
  publish(exchange: string, routingKey: string, content: Buffer, options: Options.Publish): Promise<void>;
}

interface Pending {
  returned?: string;
}

/**
 * Wraps a confirm channel so that `publish` resolves only on a positive confirm *and* no
 * return. RabbitMQ sends `basic.return` before the `basic.ack` of an unroutable mandatory
 * message, so by the time the confirm arrives the return has been seen. Returns carry no
 * delivery tag, so publishes are matched by `messageId`, first-in first-out per id (a relay
 * may have the same event in flight twice after a retry). A confirm that does not arrive
 * within `confirmTimeoutMs` (a blocked connection, a hung broker) rejects, so the outbox
 * keeps the event and retries it.
 */
export const createConfirmPublisher = (channel: ConfirmChannel, confirmTimeoutMs: number): ConfirmPublisher => {
  const inFlight = new Map<string, Pending[]>();
  let drained: Promise<void> | undefined;

  channel.on('return', (message: Message) => {
    const id = String(message.properties.messageId ?? '');
    const pending = inFlight.get(id)?.find((p) => p.returned === undefined);
    if (pending) pending.returned = String((message.fields as { replyText?: string }).replyText ?? 'NO_ROUTE');
  });

  const track = (id: string): Pending => {
    const pending: Pending = {};
    const list = inFlight.get(id);
    if (list) list.push(pending);
    else inFlight.set(id, [pending]);
    return pending;
  };
  const untrack = (id: string, pending: Pending) => {
    const list = inFlight.get(id)?.filter((p) => p !== pending) ?? [];
    if (list.length === 0) inFlight.delete(id);
    else inFlight.set(id, list);
  };

  return {
    async publish(exchange, routingKey, content, options) {
      if (drained) await drained;
      const id = options.messageId ?? '';
      const pending = track(id);
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no publisher confirm within ${confirmTimeoutMs} ms`)), confirmTimeoutMs);
          let hasRoom: boolean;
          try {
            hasRoom = channel.publish(exchange, routingKey, content, options, (error: unknown) => {
              clearTimeout(timer);
              if (error) reject(error instanceof Error ? error : new Error(`publish nacked: ${String(error)}`));
              else if (pending.returned !== undefined) reject(new UnroutableError(exchange, routingKey, pending.returned));
              else resolve();
            });
          } catch (error) {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (!hasRoom && !drained) {
            drained = new Promise<void>((done) => {
              channel.once('drain', done);
              channel.once('close', done);
            }).finally(() => (drained = undefined));
          }
        });
      } finally {
        untrack(id, pending);
      }
    },
  };
};
