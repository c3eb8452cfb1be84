/**
 * The database could not be reached or dropped the connection (a failover, a restart, an
 * administrator's `pg_terminate_backend`). Not the request's fault and not a bug: the HTTP app
 * answers it with 503 and `Retry-After`, and the adapter has already discarded the broken
 * connection, so the next statement runs on a fresh one. A write that met it may or may not
 * have committed; a client retrying with its `If-Match` finds out (412 when it had).
 */
export class StoreUnavailableError extends Error {
  readonly code = 'store-unavailable';

  constructor(cause: unknown) {
    super(`the database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** SQLSTATE classes and codes that mean "this connection or server is gone", not "this statement is wrong". */
const LOST_SQLSTATE = /^(08...|57P0[1-4]|53300)$/;
/** Socket and driver errors of a connection that closed, was refused or timed out. */
const LOST_SYSCALL = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const LOST_MESSAGE =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/i;

/**
 * True when `error` says the connection was lost or never made (`57P01` terminating connection
 * due to administrator command, class `08` connection exceptions, a reset socket ...), as
 * opposed to an error of the statement itself (a constraint, a syntax error).
 */
export const isConnectionLoss = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (LOST_SQLSTATE.test(code) || LOST_SYSCALL.has(code))) return true;
  return typeof message === 'string' && LOST_MESSAGE.test(message);
};

/** Rethrows a connection loss as a StoreUnavailableError, anything else as it was. */
export const unavailableOr = (error: unknown): unknown => (isConnectionLoss(error) ? new StoreUnavailableError(error) : error);
