import type { ChannelModel } from 'amqplib';
import type { ConsumerQueues } from './rabbitmq-topology.ts';

/** One consumer's backlog as health endpoints report it. */
export interface ConsumerQueueStatus {
  /** Messages ready in the work queue (unacked ones are not counted by the broker here). */
  readonly depth: number;
  readonly consumers: number;
  /** Messages waiting out a retry backoff. */
  readonly retrying: number;
  /** Messages in `<consumer>.dlq`, waiting for an operator. */
  readonly deadLettered: number;
}

/**
 * Reads queue depths passively (`queue.declare` with `passive`), on a throwaway channel: a
 * missing queue closes the channel it was asked on, and must not take a working one with it.
 */
export const queueStatus = async (
  model: ChannelModel,
  queues: readonly ConsumerQueues[],
): Promise<Record<string, ConsumerQueueStatus | { readonly error: string }>> => {
  const result: Record<string, ConsumerQueueStatus | { readonly error: string }> = {};
  for (const q of queues) {
    let channel;
    try {
      channel = await model.createChannel();
      channel.on('error', () => undefined);
      const work = await channel.checkQueue(q.work);
      const retry = await channel.checkQueue(q.retry);
      const dead = await channel.checkQueue(q.deadLetter);
      result[q.work] = {
        depth: work.messageCount,
        consumers: work.consumerCount,
        retrying: retry.messageCount,
        deadLettered: dead.messageCount,
      };
    } catch (error) {
      result[q.work] = { error: error instanceof Error ? error.message : String(error) };
    } finally {
      await channel?.close().catch(() => undefined);
    }
  }
  return result;
};
