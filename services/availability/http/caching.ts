/** How long an availability answer may be reused when no window edge comes sooner. */
export const DEFAULT_MAX_AGE_SECONDS = 30;

/**
 * `Cache-Control` for an availability answer. An answer about "now" must expire no later than
 * the next window edge that would change it (rounded down, so it never outlives it); one about
 * a fixed instant (`at=`) does not change as time passes, only with events.
 */
export const availabilityCacheControl = (now: Date, nextBoundary: Date | null, fixedInstant: boolean): string => {
  const untilEdge = nextBoundary && !fixedInstant ? Math.floor((nextBoundary.getTime() - now.getTime()) / 1000) : Infinity;
  const maxAge = Math.max(0, Math.min(DEFAULT_MAX_AGE_SECONDS, untilEdge));
  return `public, max-age=${maxAge}`;
};
