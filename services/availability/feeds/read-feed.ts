import { AvailabilityError } from '../domain/availability-error.ts';
import type { Source } from '../domain/sources.ts';
import type { ReadFeedPage } from './feed-client.ts';

export interface ReadFeedOptions {
  readonly source: Source;
  readonly after: number;
  readonly readPage: ReadFeedPage;
  /** Applies one page in order; resolves once it is stored. */
  readonly applyPage: (events: readonly unknown[]) => Promise<void>;
  readonly pageSize?: number;
}

const positionOf = (event: unknown): number => {
  const position = (event as { position?: unknown })?.position;
  return typeof position === 'number' ? position : Number.NaN;
};

/**
 * Reads a source's log from `after` to its end, page by page, applying each page before asking
 * for the next. A page whose positions do not move forward stops the read with an error rather
 * than looping forever. Resolves with the last position read and the number of events.
 */
export const readFeed = async ({ source, after, readPage, applyPage, pageSize = 1000 }: ReadFeedOptions) => {
  let position = after;
  let events = 0;
  for (;;) {
    const page = await readPage(source, position, pageSize);
    if (page.events.length === 0) return { position, events };
    const last = positionOf(page.events.at(-1));
    if (!(last > position)) throw new AvailabilityError('invalid-feed', `The ${source} feed did not move past position ${position}.`);
    await applyPage(page.events);
    position = last;
    events += page.events.length;
    if (!page.hasNext && page.events.length < pageSize) return { position, events };
  }
};
