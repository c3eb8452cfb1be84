import Router from '@koa/router';
import { z } from 'zod';
import { HAL_JSON, halResource, type HalResource } from '../http/hal.ts';
import { sendRepresentation } from '../http/conditional.ts';
import { badRequest, notFound } from '../http/problem.ts';
import { readQuery } from '../http/query.ts';
import type { EventEnvelope } from '../messaging/event-envelope.ts';
import type { Queryable } from '../storage/database.ts';
import { headPosition, readEvents } from './outbox.ts';

/** The most events one feed page holds, and how many a page holds unless asked. */
export const FEED_PAGE = { max: 1000, default: 100 } as const;

const feedQuery = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a log position (a whole number)')
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(FEED_PAGE.max, `is too large: at most ${FEED_PAGE.max} events a page`))
    .optional(),
  subject: z
    .string()
    .regex(/^\/[A-Za-z0-9/_.:-]{1,300}$/, 'must be a resource path such as /licencing/licences/{id}')
    .optional(),
});

const POSITION = /^[1-9]\d{0,14}$/;

/**
 * One event as the feed holds it: HAL around a pure CloudEvent, never links inside it, so any
 * CloudEvents SDK (strict mode) reads `event` as it is. `self` is the event's own URL, `about`
 * the resource it changed.
 */
const eventItem = (prefix: string, event: EventEnvelope): HalResource =>
  halResource({ event }, `${prefix}/events/${event.position}`, { about: event.subject });

/**
 * `GET /<service>/events?after=&limit=&subject=`: the service's outbox as an ordered HAL feed
 * (with `subject`, one resource's events only: its edit history, each naming its editor). Consumers
 * rebuild or catch up by following `next` until a page comes back short. A page that is full
 * is immutable and cached for a long time; the head of the log is never cached.
 * `GET /<service>/events/{position}`: one event, immutable once committed.
 */
export const createEventFeedRouter = (prefix: string, db: Queryable): Router => {
  const router = new Router({ prefix });
  router.get('/events', async (ctx) => {
    const { after = 0, limit = FEED_PAGE.default, subject } = readQuery(ctx, feedQuery);
    const [events, head] = await Promise.all([readEvents(db, after, limit, subject), headPosition(db)]);
    const last = events.at(-1)?.position ?? after;
    const full = events.length === limit;
    const only = subject === undefined ? '' : `&subject=${encodeURIComponent(subject)}`;
    const href = (from: number) => `${prefix}/events?after=${from}&limit=${limit}${only}`;
    const body = halResource(
      { after, head, count: events.length, ...(subject === undefined ? {} : { subject }) },
      href(after),
      { first: href(0), next: full ? href(last) : undefined, latest: `${prefix}/events?after=${head}&limit=${limit}${only}` },
      { events: events.map((event) => eventItem(prefix, event)) },
    );
    sendRepresentation(ctx, { body, contentType: HAL_JSON, cacheControl: full ? 'public, max-age=3600, immutable' : 'no-cache' });
  });
  router.get('/events/:position', async (ctx) => {
    const raw = ctx.params.position ?? '';
    if (!POSITION.test(raw)) throw badRequest(`An event is named by its log position, a whole number from 1, e.g. ${prefix}/events/42.`);
    const position = Number(raw);
    const [event] = await readEvents(db, position - 1, 1);
    if (event?.position !== position) throw notFound(`No event has position ${position} in this log.`);
    sendRepresentation(ctx, { body: eventItem(prefix, event), contentType: HAL_JSON, cacheControl: 'public, max-age=3600, immutable' });
  });
  return router;
};
