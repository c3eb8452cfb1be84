import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';

/** The W3C trace context of the work in progress: a request being served or an event being handled. */
export interface TraceScope {
  /** 32 hex digits shared by every process that takes part in one user request. */
  readonly traceId: string;
  /** This process's span, the parent of whatever it calls or publishes. */
  readonly spanId: string;
  /** The `traceparent` to send on outgoing calls and to write into events. */
  readonly traceparent: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * Random hex from a pooled buffer refilled 4 KiB at a time, as `randomUUID` does: a
 * `randomBytes` call per id cost ~5% of a cached availability answer's CPU in a profile.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;
const randomHex = (bytes: number): string => {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += bytes;
  return pool.toString('hex', offset - bytes, offset);
};
const ALL_ZERO = /^0+$/;
const storage = new AsyncLocalStorage<TraceScope>();

/**
 * Continues the trace of an incoming `traceparent` when it is well formed (and not the all-zero
 * ids the spec forbids), or starts a new one. The span id is always new: this process's work is
 * a child of the caller's.
 */
export const continueTrace = (incoming: string | undefined): TraceScope => {
  const match = TRACEPARENT.exec((incoming ?? '').trim().toLowerCase());
  const valid = match && match[1] !== 'ff' && !ALL_ZERO.test(match[2]!) && !ALL_ZERO.test(match[3]!);
  const traceId = valid ? match[2]! : randomHex(16);
  const flags = valid ? match[4]! : '01';
  const spanId = randomHex(8);
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-${flags}` };
};

/** Runs `work` with `scope` as the current trace, for everything it awaits or schedules. */
export const runInTrace = <T>(scope: TraceScope, work: () => T): T => storage.run(scope, work);

/** The current trace, if the caller runs inside a request or an event handler. */
export const currentTrace = (): TraceScope | undefined => storage.getStore();

/** The `traceparent` header to forward on an outgoing call, if any work is being traced. */
export const currentTraceparent = (): string | undefined => storage.getStore()?.traceparent;
