import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

const tracked = new WeakMap<Server, Set<Socket>>();

/**
 * Keeps the server's open connections, so that the drain can close the ones that never sent a
 * byte: Node's closeIdleConnections counts a connection as idle only after a first request, and
 * one opened and left silent (a client's spare connection, a pre-connect) would otherwise hold
 * the drain until its deadline. Call it right after the server is created.
 */
export const trackHttpConnections = (server: Server): void => {
  const sockets = new Set<Socket>();
  tracked.set(server, sockets);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
};

/** Idle keep-alive connections, and (when tracked) connections that never sent a request. */
const closeQuietConnections = (server: Server) => {
  server.closeIdleConnections();
  for (const socket of tracked.get(server) ?? []) if (socket.bytesRead === 0) socket.destroy();
};

export interface DrainOptions {
  /** Give up waiting for in-flight requests after this long and cut what remains. */
  readonly timeoutMs: number;
  /**
   * Connections that stay idle this long after draining began are closed. Not at once: a
   * keep-alive client may be writing its next request on an idle connection right now, and
   * closing under it would lose that request. Every answer sent while draining says
   * `Connection: close` (see createHttpApp), so busy connections close themselves. The same
   * grace applies to connections that have not sent a byte yet (see trackHttpConnections).
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
    closeQuietConnections(server);
    sweep = setInterval(() => closeQuietConnections(server), 100);
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
