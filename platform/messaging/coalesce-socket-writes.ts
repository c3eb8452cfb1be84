import type { ChannelModel } from 'amqplib';

interface AmqplibInternals {
  readonly connection?: { readonly stream?: { cork?: () => void; uncork?: () => void }; readonly muxer?: { _readIncoming?: () => void } };
}

/**
 * amqplib's multiplexer hands every frame group (one publish, one ack) to the socket with its
 * own `write`, which with `noDelay` is a syscall and a TCP segment each: a relay pass of 200
 * events and the consumer's 200 acks were 400 writes, the largest single cost in a profile of
 * the outbox-to-consumer path (16 % of its CPU). Corking the socket around each pass of the
 * multiplexer (one event-loop turn's frames, or 16 KB) sends them in one `writev`; nothing
 * waits longer, since the pass itself already runs once per turn. Reaches into amqplib's
 * internals (`connection.stream`, `connection.muxer`, 2.x): where they are not there it does
 * nothing and says so, and coalesce-socket-writes.int.test.ts checks that it applies.
 */
export const coalesceSocketWrites = (model: ChannelModel): boolean => {
  const { stream, muxer } = (model as unknown as AmqplibInternals).connection ?? {};
  if (!stream?.cork || !stream.uncork || typeof muxer?._readIncoming !== 'function') return false;
  const readIncoming = muxer._readIncoming.bind(muxer);
  const { cork, uncork } = { cork: stream.cork.bind(stream), uncork: stream.uncork.bind(stream) };
  (muxer as { _readIncoming: () => void })._readIncoming = () => {
    cork();
    try {
      readIncoming();
    } finally {
      uncork();
    }
  };
  return true;
};
