import { HttpProblem, notFound } from '#platform/http/problem';
import type { Fetched } from '../upstream/upstream-client.ts';
import { UpstreamError } from '../upstream/upstream-error.ts';

/** Availability could not answer and nothing cached can stand in: a fast 503, never a hang. */
export const availabilityUnavailable = (error: UpstreamError): HttpProblem => {
  const retryAfter = Math.max(1, Math.ceil((error.retryAfterMs ?? 5_000) / 1000));
  return new HttpProblem(
    503,
    'Service Unavailable',
    'Availability cannot answer right now, so the gateway cannot say what is on; try again shortly.',
    { upstream: 'availability', failure: error.failure },
    { 'Retry-After': String(retryAfter) },
  );
};

/**
 * Asks availability, the one upstream a page cannot do without. Its failure is a 503; a 404 is
 * the client's 404; any other 4xx means the gateway sent something availability refused, which
 * the gateway's own validation should have caught, so it is passed on as a 400.
 */
export const askAvailability = async (get: () => Promise<Fetched>): Promise<Fetched> => {
  let fetched: Fetched;
  try {
    fetched = await get();
  } catch (error) {
    if (error instanceof UpstreamError) throw availabilityUnavailable(error);
    throw error;
  }
  // Availability's 404 names the keys whose purge ends it; an answer built on it carries them.
  if (fetched.status === 404) throw notFound('No such episode is known to availability.', fetched.keys);
  if (fetched.status !== 200)
    throw new HttpProblem(400, 'Bad Request', 'Availability refused this query.', { upstreamStatus: fetched.status });
  return fetched;
};
