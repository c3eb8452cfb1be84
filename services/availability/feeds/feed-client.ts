import { z } from 'zod';
import { AvailabilityError } from '../domain/availability-error.ts';
import type { Source } from '../domain/sources.ts';

/** The part of `fetch` a feed client needs; global fetch and undici's both fit. */
export type FetchLike = (url: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}>;

/** One page of a service's event log. */
export interface FeedPage {
  readonly events: readonly unknown[];
  readonly hasNext: boolean;
  /** The log's last position when the service reports it (`head`), for the lag. */
  readonly head: number | undefined;
}

/** Reads a page of a source's log: `GET {base}/{source}/events?after=&limit=`. */
export type ReadFeedPage = (source: Source, after: number, limit: number) => Promise<FeedPage>;

const pageSchema = z.object({
  head: z.number().int().nonnegative().optional(),
  _embedded: z.object({ events: z.array(z.unknown()) }).optional(),
  _links: z.object({ next: z.object({ href: z.string() }).optional() }).optional(),
});

/**
 * The feed client over HTTP. `bases` maps each source to the base URL its service is served
 * from (the same process in the embedded mode); a page that is not the documented HAL shape,
 * or a service that does not answer in time, is an error the caller reports, never a skip.
 */
export const createFeedClient = (bases: Record<Source, string>, fetchLike: FetchLike = fetch as FetchLike, timeoutMs = 10_000): ReadFeedPage =>
  async (source, after, limit) => {
    const url = `${bases[source].replace(/\/$/, '')}/${source}/events?after=${after}&limit=${limit}`;
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await fetchLike(url, { headers: { Accept: 'application/hal+json' }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new AvailabilityError('feed-unavailable', `The ${source} feed did not answer: ${(error as Error).message}`);
    }
    if (!response.ok) throw new AvailabilityError('feed-unavailable', `The ${source} feed answered ${response.status}.`);
    const parsed = pageSchema.safeParse(await response.json());
    if (!parsed.success) throw new AvailabilityError('invalid-feed', `The ${source} feed's page is not a HAL event page.`);
    return { events: parsed.data._embedded?.events ?? [], hasNext: parsed.data._links?.next !== undefined, head: parsed.data.head };
  };
