import type { Context } from 'koa';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The request's W3C `traceparent`, when well formed, for the events a command writes. Anything
 * else is dropped: a client's header must never make an event that consumers' envelope schema
 * (which bounds `traceparent`) would refuse.
 */
export const traceparentOf = (ctx: Context): string | undefined => {
  const header = ctx.get('traceparent').trim().toLowerCase();
  return TRACEPARENT.test(header) ? header : undefined;
};
