import { MatchersV3 } from '@pact-foundation/pact';

const { regex } = MatchersV3;

/** ISO 8601 instants as the services write them (UTC, optional milliseconds). */
const ISO_INSTANT = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$';

/**
 * A HAL link whose href is root-relative and shaped like `pattern` (a regular expression over
 * the path). The example is what the consumer test follows; the pattern is what the provider
 * must honour, so no mock-server host or demo id is pinned.
 */
export const rootRelativeLink = (pattern: string, example: string) => ({ href: regex(`^${pattern}$`, example) });

/** An instant in ISO 8601 UTC, e.g. a licence window's start. */
export const isoInstant = (example: string) => regex(ISO_INSTANT, example);

/** One of a fixed set of words, e.g. a licence's status. */
export const oneOf = (words: readonly string[], example: string) =>
  regex(`^(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`, example);

/** The Content-Type of a HAL resource, with or without parameters. */
export const HAL_JSON = { 'Content-Type': regex('^application/hal\\+json(;.*)?$', 'application/hal+json') };

/**
 * A HAL response body. The header is set after `jsonBody`, which would otherwise record plain
 * `application/json`, a type no service here answers with.
 */
export const halBody = (b: ResponseBuilder, body: unknown): void => void b.jsonBody(body).headers(HAL_JSON);

/** The part of Pact's V4 response builder a HAL body needs (Pact does not export the type). */
interface ResponseBuilder {
  jsonBody(body: unknown): { headers(headers: typeof HAL_JSON): unknown };
}
