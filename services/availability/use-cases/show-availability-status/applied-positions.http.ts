import type Router from '@koa/router';
import { HAL_JSON, halResource } from '#platform/http/hal';
import type { AvailabilityStore } from '../../domain/availability-store.ts';
import { SOURCES } from '../../domain/sources.ts';
import type { NextChange } from '../../store/watch-store-writes.ts';

export interface AppliedPositionsDeps {
  readonly positions: AvailabilityStore['positions'];
  readonly changes: () => number;
  readonly nextChange: NextChange;
}

/** The longest a request may wait for the projection to move. */
const MAX_WAIT_MS = 10_000;
/** How often a waiting request looks again, for writes another process made to a shared store. */
const RECHECK_MS = 250;

/** `?since=catalogue:12,licencing:40`: the positions the asker already knows. */
const parseSince = (text: unknown): Map<string, number> | undefined => {
  if (typeof text !== 'string' || text === '') return undefined;
  const known = new Map<string, number>();
  for (const part of text.split(',')) {
    const [source, position] = part.split(':');
    if (source && SOURCES.includes(source as never) && /^\d{1,15}$/.test(position ?? '')) known.set(source, Number(position));
  }
  return known;
};

/**
 * `GET /availability/status/positions?since=licencing:40&waitMs=2000`: the last position applied
 * per source, only (no lag, no counts: cheap). With `since`, the answer waits up to `waitMs`
 * (at most 10 s) for a source to pass what the asker knows, and comes the moment one does: the
 * edge invalidator learns that availability applied an event without polling (a long poll).
 */
export const appliedPositionsRoute = (router: Router, deps: AppliedPositionsDeps) =>
  router.get('/status/positions', async (ctx) => {
    const since = parseSince(ctx.query.since);
    const deadline = Date.now() + Math.min(MAX_WAIT_MS, Math.max(0, Number(ctx.query.waitMs) || 0));
    const passed = (positions: Awaited<ReturnType<typeof deps.positions>>) =>
      !since || SOURCES.some((source) => positions[source].position > (since.get(source) ?? -1));
    for (;;) {
      const seen = deps.changes();
      const positions = await deps.positions();
      if (passed(positions) || Date.now() >= deadline) {
        ctx.set('Cache-Control', 'no-store');
        ctx.type = HAL_JSON;
        ctx.body = halResource(
          { sources: SOURCES.map((source) => ({ source, position: positions[source].position })) },
          '/availability/status/positions',
        );
        return;
      }
      await deps.nextChange(seen, Math.min(RECHECK_MS, deadline - Date.now()));
    }
  });
