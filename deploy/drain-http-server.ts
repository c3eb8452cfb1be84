import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';

export interface DrainOptions {
  /** Give up waiting for in-flight requests after this long and cut what remains. */
  readonly timeoutMs: number;
  /**
   * Connections that stay idle this long after draining began are closed. Not at once: a
   * keep-alive client may be writing its next request on an idle connection right now, and
   * closing under it would lose that request. Every answer sent while draining says
   * `Connection: close` (see createHttpApp), so busy connections close themselves.
   */
  readonly idleGraceMs?: number;
}

/**
 * Stops accepting connections (new ones are refused from now on), lets requests in flight
 * finish, and resolves once every connection has closed; true when that happened in time.
 * Uses net's close rather than http's, which would destroy idle keep-alive connections at once.
 */
export const drainHttpServer = async (server: Server, { timeoutMs, idleGraceMs = 1_000 }: DrainOptions): Promise<boolean> => {
  const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
  let sweep: NodeJS.Timeout | undefined;
  const grace = setTimeout(() => {
    server.closeIdleConnections();
    sweep = setInterval(() => server.closeIdleConnections(), 100);
  }, idleGraceMs);
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(true), timeoutMs)));
  const late = await Promise.race([closed.then(() => false), timedOut]);
  clearTimeout(grace);
  clearTimeout(deadline);
  clearInterval(sweep);
  if (late) {
    server.closeAllConnections();
    await closed;
  }
  return !late;
};
