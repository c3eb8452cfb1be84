import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { AvailabilityError } from '../domain/availability-error.ts';
import type { Source } from '../domain/sources.ts';

/** The part of `fetch` a feed client needs; global fetch and undici's both fit. */
export type FetchLike = (
  url: string,
  init?: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  readonly body?: { cancel(): Promise<void> } | null;
  json(): Promise<unknown>;
}>;

/** One page of a service's event log. */
export interface FeedPage {
  /** The CloudEvents of the page, in order, unwrapped from the HAL items around them. */
  readonly events: readonly unknown[];
  readonly hasNext: boolean;
  /** The log's last position when the service reports it (`head`), for the lag. */
  readonly head: number | undefined;
}

/** Reads a page of a source's log: `GET {base}/{source}/events?after=&limit=`. */
export type ReadFeedPage = (source: Source, after: number, limit: number) => Promise<FeedPage>;

const pageSchema = z.object({
  head: z.number().int().nonnegative().optional(),
  _embedded: z.object({ events: z.array(z.object({ event: z.unknown() })) }).optional(),
  _links: z.object({ next: z.object({ href: z.string() }).optional() }).optional(),
});

/** How long a page may take, and how long to wait before each retry of a read that failed in transit. */
export interface FeedClientOptions {
  readonly timeoutMs?: number;
  readonly retryDelaysMs?: readonly number[];
}

/** Statuses that say "not now" rather than "never": worth another try. */
const transient = (status: number) => status === 429 || status >= 500;

/**
 * The feed client over HTTP. `bases` maps each source to the base URL its service is served
 * from (the same process in the embedded mode). Each page item is HAL around one CloudEvent
 * (`{ _links, event }`, docs/events.md); a page that is not the documented HAL shape,
 * or a service that does not answer in time, is an error the caller reports, never a skip.
 * A read that fails in transit (a reset or timed-out connection, a 5xx, a 429) is retried after
 * each of `retryDelaysMs`: a feed read is idempotent, and a rebuild of a large projection reads
 * thousands of pages, so one kept-alive socket the service closed just as it was reused must not
 * throw the whole rebuild away.
 */
export const createFeedClient =
  (
    bases: Record<Source, string>,
    fetchLike: FetchLike = fetch as FetchLike,
    { timeoutMs = 10_000, retryDelaysMs = [100, 500, 2_000] }: FeedClientOptions = {},
  ): ReadFeedPage =>
  async (source, after, limit) => {
    const url = `${bases[source].replace(/\/$/, '')}/${source}/events?after=${after}&limit=${limit}`;
    let response: Awaited<ReturnType<FetchLike>>;
    for (let attempt = 0; ; attempt += 1) {
      const retryIn = retryDelaysMs[attempt];
      try {
        response = await fetchLike(url, { headers: { Accept: 'application/hal+json' }, signal: AbortSignal.timeout(timeoutMs) });
        if (!transient(response.status) || retryIn === undefined) break;
        await response.body?.cancel();
      } catch (error) {
        if (retryIn === undefined)
          throw new AvailabilityError('feed-unavailable', `The ${source} feed did not answer: ${(error as Error).message}`);
      }
      await delay(retryIn);
    }
    if (!response.ok) throw new AvailabilityError('feed-unavailable', `The ${source} feed answered ${response.status}.`);
    const parsed = pageSchema.safeParse(await response.json());
    if (!parsed.success) throw new AvailabilityError('invalid-feed', `The ${source} feed's page is not a HAL event page.`);
    return {
      events: (parsed.data._embedded?.events ?? []).map((item) => item.event),
      hasNext: parsed.data._links?.next !== undefined,
      head: parsed.data.head,
    };
  };
