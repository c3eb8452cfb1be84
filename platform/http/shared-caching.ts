/**
 * How long a shared cache that is purged by the update events (the edge Varnish) keeps an
 * answer, against the few seconds a client may. Purging makes the long lifetime safe; the
 * client's `max-age` stays short because nothing purges a browser or a TV app.
 */
export const SHARED_LIFETIME = {
  /** `s-maxage`: ten minutes in Varnish, purged sooner by any event that changes the answer. */
  seconds: 600,
  /** `stale-while-revalidate`: one client may get the old answer while Varnish refetches it. */
  staleWhileRevalidate: 30,
  /** `stale-if-error`: how long an origin outage is bridged with the last answer. */
  staleIfError: 3_600,
} as const;

const whole = (seconds: number) => Math.max(0, Math.floor(seconds));

/**
 * `Cache-Control` for a public read: `max-age` for clients, `s-maxage`, `stale-while-revalidate`
 * and `stale-if-error` for the edge, each bounded by `untilEdgeSeconds` when the answer changes
 * at a known instant with no event (a licence window opening or closing): no cache, shared or
 * not, fresh or stale, may serve it past that instant. So an answer whose edge comes within its
 * shared lifetime gets no stale allowance at all.
 */
export const publicCacheControl = (maxAgeSeconds: number, untilEdgeSeconds = Infinity): string => {
  const edge = Math.max(0, untilEdgeSeconds);
  const shared = Math.min(SHARED_LIFETIME.seconds, edge);
  const beyond = edge - shared;
  return [
    'public',
    `max-age=${whole(Math.min(maxAgeSeconds, edge))}`,
    `s-maxage=${whole(shared)}`,
    `stale-while-revalidate=${whole(Math.min(SHARED_LIFETIME.staleWhileRevalidate, beyond))}`,
    `stale-if-error=${whole(Math.min(SHARED_LIFETIME.staleIfError, beyond))}`,
  ].join(', ');
};

/**
 * How long a 404 that names the keys whose purge ends it (HttpProblem.absenceKeys) may be kept:
 * by a client, as briefly as the services' reads (nothing purges a client); by the edge, a
 * minute, ended sooner by the event that creates the resource. The minute bounds what a resource
 * created without such an event would cost.
 */
export const ABSENCE_LIFETIME = { maxAgeSeconds: 10, sharedSeconds: 60 } as const;

/** `Cache-Control` for such a 404. */
export const absenceCacheControl = (): string =>
  `public, max-age=${ABSENCE_LIFETIME.maxAgeSeconds}, s-maxage=${ABSENCE_LIFETIME.sharedSeconds}`;
