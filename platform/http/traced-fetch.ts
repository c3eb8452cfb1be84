import { currentTraceparent } from '../lifecycle/trace-scope.ts';

type FetchInit = { headers?: Record<string, string>; signal?: AbortSignal };

/**
 * Global `fetch` that forwards the current `traceparent` (see trace-scope), so a call made
 * while serving a request or handling an event stays in that trace. Takes the plain-record
 * headers the platform's own clients pass.
 */
export const tracedFetch = (url: string, init: FetchInit = {}): Promise<Response> => {
  const traceparent = currentTraceparent();
  return fetch(url, { ...init, headers: { ...init.headers, ...(traceparent ? { traceparent } : {}) } });
};
