import { inTurn, nextSliceSize } from '#platform/lifecycle/loop-turns';
import { AvailabilityError } from '../domain/availability-error.ts';
import type { Source } from '../domain/sources.ts';
import type { ReadFeedPage } from './feed-client.ts';

export interface ReadFeedOptions {
  readonly source: Source;
  readonly after: number;
  readonly readPage: ReadFeedPage;
  /** Applies some events of a page, in order; resolves once they are stored. */
  readonly applyPage: (events: readonly unknown[]) => Promise<void>;
  readonly pageSize?: number;
  /** The most events `applyPage` gets at a time; the event loop is yielded between slices. */
  readonly sliceSize?: number;
}

/**
 * The most events applied between two yields to the event loop. Applying a 1,000-event page at
 * once held the loop for tens of ms (validation and the store's writes), three sources side by
 * side, so the queries of the same process queued behind a rebuild: p50 19 ms became 149 ms
 * (issue 16, item 7). Within this bound a slice is sized by time: each is fitted to what the
 * last one held the loop for (`nextSliceSize`, about TURN_BUDGET_MS); `npm run bench --
 * rebuild-reads` measures what reads see.
 */
export const FEED_SLICE = 50;

/**
 * Events asked per feed page. A page is serialised by the service and parsed here in one go each,
 * both on the event loop the queries use in the embedded mode: 1,000 events (about 400 KB) held
 * it for several ms at each end, 200 for a fifth of that, for five times the requests (a
 * fraction of a ms each).
 */
export const FEED_PAGE_SIZE = 200;

const positionOf = (event: unknown): number => {
  const position = (event as { position?: unknown })?.position;
  return typeof position === 'number' ? position : Number.NaN;
};

/**
 * Reads a source's log from `after` to its end, page by page, applying each page (in slices of at
 * most `sliceSize`, each fitted to hold the loop about TURN_BUDGET_MS, one slice per turn of the
 * event loop across all background work in the process (`inTurn`), so that queries served by
 * the same process keep their latency) before asking for the next. A page whose positions do not
 * move forward stops the read with an error rather than looping forever. An invalid event stops the read at
 * its slice: the slices before it are applied (valid, in order, version-guarded), nothing from
 * it on. Resolves with the last position read and the number of events.
 */
export const readFeed = async ({
  source,
  after,
  readPage,
  applyPage,
  pageSize = FEED_PAGE_SIZE,
  sliceSize = FEED_SLICE,
}: ReadFeedOptions) => {
  let position = after;
  let events = 0;
  let size = sliceSize;
  for (;;) {
    const page = await readPage(source, position, pageSize);
    if (page.events.length === 0) return { position, events };
    const last = positionOf(page.events.at(-1));
    if (!(last > position)) throw new AvailabilityError('invalid-feed', `The ${source} feed did not move past position ${position}.`);
    for (let from = 0; from < page.events.length;) {
      await inTurn(() => {
        const started = performance.now();
        const applying = applyPage(page.events.slice(from, from + size));
        // What ran before applyPage's first wait held the loop: validation and, in memory, the writes.
        const held = performance.now() - started;
        from += size;
        size = nextSliceSize(size, held, sliceSize);
        return applying;
      });
    }
    position = last;
    events += page.events.length;
    if (!page.hasNext && page.events.length < pageSize) return { position, events };
  }
};
