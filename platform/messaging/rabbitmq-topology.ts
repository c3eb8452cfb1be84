import type { Channel } from 'amqplib';

/** The queues one consumer owns: where events wait, where failures wait, where failures end. */
export interface ConsumerQueues {
  readonly work: string;
  readonly retry: string;
  readonly deadLetter: string;
}

/** Queue names are derived from the consumer name, so operators can guess them. */
export const consumerQueues = (consumer: string): ConsumerQueues => ({
  work: consumer,
  retry: `${consumer}.retry`,
  deadLetter: `${consumer}.dlq`,
});

/** Declares the one durable topic exchange every service publishes to. Idempotent. */
export const declareExchange = async (channel: Channel, exchange: string): Promise<void> => {
  await channel.assertExchange(exchange, 'topic', { durable: true });
};

/**
 * Declares one consumer's queues, all quorum (replicated, durable, delivery-counting), and
 * binds its work queue to the exchange. The retry chain is explicit rather than hidden in
 * broker policy:
 *
 * - `<consumer>`: bound to the patterns. A failed handler makes the consumer republish the
 *   message to the retry queue with a per-message TTL (the backoff) and an `x-retries` header,
 *   then ack it, so the work queue never stalls behind a poison message. `x-delivery-limit`
 *   catches what the consumer cannot count itself (a process that crashes on the message every
 *   time) and dead-letters it to `<consumer>.dlq`.
 * - `<consumer>.retry`: nobody consumes it; an expired message is dead-lettered back to the
 *   work queue through the default exchange. Per-message TTLs only expire at the head of a
 *   queue, so a short backoff can wait behind a longer one; the delay stays bounded by the
 *   longest backoff, which is acceptable for retries.
 * - `<consumer>.dlq`: where messages end after `maxAttempts`, or at once when invalid, for
 *   the `npm run dlq` tooling.
 *
 * Dead-lettering uses the at-least-once strategy (which needs `reject-publish` overflow), so
 * a broker failure while moving a message cannot drop it.
 */
export const declareConsumerTopology = async (
  channel: Channel,
  exchange: string,
  consumer: string,
  patterns: readonly string[],
  deliveryLimit: number,
): Promise<ConsumerQueues> => {
  const queues = consumerQueues(consumer);
  const atLeastOnce = { 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' };
  await channel.assertQueue(queues.deadLetter, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.assertQueue(queues.retry, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queues.work, ...atLeastOnce },
  });
  await channel.assertQueue(queues.work, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': deliveryLimit,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': queues.deadLetter,
      ...atLeastOnce,
    },
  });
  for (const pattern of patterns) await channel.bindQueue(queues.work, exchange, pattern);
  return queues;
};
