import Router from '@koa/router';
import { z } from 'zod';
import { HAL_JSON, halResource } from '../http/hal.ts';
import { sendRepresentation } from '../http/conditional.ts';
import { readQuery } from '../http/query.ts';
import type { Queryable } from '../storage/database.ts';
import { headPosition, readEvents } from './outbox.ts';

const feedQuery = z.strictObject({
  after: z.string().regex(/^\d{1,15}$/, 'must be a log position (a whole number)').transform(Number).optional(),
  limit: z.string().regex(/^\d{1,4}$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(1000)).optional(),
  subject: z.string().regex(/^\/[A-Za-z0-9/_.:-]{1,300}$/, 'must be a resource path such as /licencing/licences/{id}').optional(),
});

/**
 * `GET /<service>/events?after=&limit=&subject=`: the service's outbox as an ordered HAL feed
 * (with `subject`, one resource's events only: its edit history, each naming its editor). Consumers
 * rebuild or catch up by following `next` until a page comes back short. A page that is full
 * is immutable and cached for a long time; the head of the log is never cached.
 */
export const createEventFeedRouter = (prefix: string, db: Queryable): Router => {
  const router = new Router({ prefix });
  router.get('/events', async (ctx) => {
    const { after = 0, limit = 100, subject } = readQuery(ctx, feedQuery);
    const [events, head] = await Promise.all([readEvents(db, after, limit, subject), headPosition(db)]);
    const last = events.at(-1)?.position ?? after;
    const full = events.length === limit;
    const only = subject === undefined ? '' : `&subject=${encodeURIComponent(subject)}`;
    const href = (from: number) => `${prefix}/events?after=${from}&limit=${limit}${only}`;
    const body = halResource(
      { after, head, count: events.length, ...(subject === undefined ? {} : { subject }) },
      href(after),
      { first: href(0), next: full ? href(last) : undefined, latest: `${prefix}/events?after=${head}&limit=${limit}${only}` },
      { events: events.map((event) => halResource({ ...event }, event.subject)) },
    );
    sendRepresentation(ctx, { body, contentType: HAL_JSON, cacheControl: full ? 'public, max-age=3600, immutable' : 'no-cache' });
  });
  return router;
};
