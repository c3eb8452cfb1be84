import { createCache } from '#platform/cache/cache';
import { PART_REUSE_SECONDS } from '../upstream/upstreams.ts';
import type { Rendered } from './send-view.ts';

/** A kept answer, with when to rebuild it behind itself and when to stop serving it. */
interface Kept {
  readonly rendered: Rendered;
  readonly rebuildAt: number;
  readonly serveUntil: number;
}

/**
 * The gateway's own answers, kept so that a warm page costs one lookup instead of 61 part
 * lookups, a composition and a hash. An incomplete answer is never kept (the next request tries
 * its missing parts again). A complete answer is kept, and served, at most as long as its
 * upstreams allowed:
 *
 * - built from fresh parts: rebuilt once past the gateway's reuse bound (`validity.freshUntil`,
 *   at most PART_REUSE_SECONDS), served until the earliest `max-age` of its parts
 *   (`validity.grantedUntil`);
 * - built from stale parts (an upstream failing, its `stale-if-error` copy used; sent with
 *   `no-cache`): rebuilt once `reuseMs` after it was built, served until the earliest
 *   `stale-if-error` grant (`validity.staleUntil`). Composing it again per request would give
 *   the same answer from the same cached parts, at a composition's cost each time.
 *
 * Past its rebuild time, the kept answer is served at once while one rebuild (61 conditional
 * requests, mostly 304s) runs behind it and replaces it: stale-while-revalidate, so a busy page
 * never holds every request in flight on its rebuild (measured: with the 1 s bound, no page was
 * kept before, and a warm page ran at 6 % of its availability page). A rebuild that fails or
 * comes back incomplete leaves the kept answer until it must stop being served (and the next
 * rebuild waits `reuseMs`); a stale rebuild does not replace a fresh answer still within its grant.
 *
 * Requests that find nothing to serve wait for one build shared by all of them: a cold page is
 * built once, not once per request in flight.
 */
export const createResponseMemo = ({
  maxKeys = 5_000,
  reuseMs = PART_REUSE_SECONDS * 1000,
}: { maxKeys?: number; reuseMs?: number } = {}) => {
  const cache = createCache<Kept>({ max: maxKeys });
  const building = new Map<string, Promise<Rendered>>();

  const keep = (key: string, rendered: Rendered, now: number): void => {
    const { incomplete, stale, freshUntil, grantedUntil, staleUntil } = rendered.validity;
    if (incomplete) return;
    const kept: Kept = stale
      ? { rendered, rebuildAt: now + reuseMs, serveUntil: staleUntil }
      : { rendered, rebuildAt: freshUntil, serveUntil: grantedUntil };
    const held = cache.get(key);
    if (stale && held && !held.rendered.validity.stale && held.serveUntil > now) return;
    const ttlMs = Math.floor(kept.serveUntil - now);
    if (ttlMs > 0) cache.set(key, kept, ttlMs);
  };

  /** After a build, whatever came of it, the kept answer is not rebuilt again for `reuseMs`: no back-to-back rebuilds while an upstream fails. */
  const postpone = (key: string, now: number): void => {
    const held = cache.get(key);
    const ttlMs = Math.floor((held?.serveUntil ?? 0) - now);
    if (held && held.rebuildAt <= now && ttlMs > 0) cache.set(key, { ...held, rebuildAt: now + reuseMs }, ttlMs);
  };

  const build = (key: string, make: () => Promise<Rendered>, now: () => number, refresh = false): Promise<Rendered> => {
    const pending = refresh ? undefined : building.get(key);
    if (pending) return pending;
    const run = async (): Promise<Rendered> => {
      try {
        const rendered = await make();
        // A build a refresh superseded may predate the purge the refresh is for: not kept.
        if (building.get(key) === built) keep(key, rendered, now());
        return rendered;
      } finally {
        postpone(key, now());
        // Deferred: a build that throws at once reaches here before `built` is set.
        queueMicrotask(() => {
          if (building.get(key) === built) building.delete(key);
        });
      }
    };
    const built = run();
    building.set(key, built);
    return built;
  };

  return {
    /**
     * The answer for `key`: the kept one (rebuilt behind it once due), else one build shared by
     * every request waiting for it. `refresh` (the edge refetching after a purge, which says
     * `Cache-Control: no-cache`) takes neither the kept answer nor any build in flight: one begun
     * before the purge may hold what the purge was for, and the edge would keep it for minutes.
     * Later requests share the refresh.
     */
    through(key: string, make: () => Promise<Rendered>, now: () => number = Date.now, refresh = false): Promise<Rendered> {
      if (refresh) return build(key, make, now, true);
      const kept = cache.get(key);
      const at = now();
      if (kept && kept.serveUntil > at) {
        // The failure of a rebuild behind a kept answer is the build's own to report (its
        // degradations are logged and counted); the kept answer stays until it must go.
        if (kept.rebuildAt <= at) build(key, make, now).catch(() => undefined);
        return Promise.resolve(kept.rendered);
      }
      return build(key, make, now);
    },
    close: () => cache.clear(),
  };
};

export type ResponseMemo = ReturnType<typeof createResponseMemo>;
