import type { Context, Next } from 'koa';
import { HttpProblem } from './problem.ts';
import { pathKey } from './surrogate-keys.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
};

/** The shape every service's domain error has: a string-literal code and a message for editors. */
export interface CodedError<C extends string> {
  readonly code: C;
  readonly message: string;
  readonly currentVersion?: number;
  /** Related resources by relation, rendered as the problem's `_links` (e.g. `existing`). */
  readonly links?: Readonly<Record<string, string>>;
}

const problemLinks = (links: Readonly<Record<string, string>> | undefined) =>
  links ? { _links: Object.fromEntries(Object.entries(links).map(([rel, href]) => [rel, { href }])) } : {};

/**
 * Koa middleware turning a service's domain errors into problems through its code → status
 * table. A `Record<Code, number>` makes the compiler insist that every code has a status.
 * A stale-version error carries the current ETag so the client can re-read and retry; a 404
 * names its path as the key whose purge ends it, so the edge may keep it until then.
 */
export const mapDomainErrors =
  <C extends string>(isDomainError: (error: unknown) => error is CodedError<C>, statuses: Record<C, number>) =>
  async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const status = statuses[error.code];
      const extensions = {
        code: error.code,
        ...(error.currentVersion ? { currentETag: `"${error.currentVersion}"` } : {}),
        ...problemLinks(error.links),
      };
      // A resource's key is its path, and the event that creates it purges that key (its subject,
      // or a key the invalidator derives from it: edge/invalidator/purge-keys.ts).
      const absenceKeys = status === 404 ? [pathKey(ctx.path)] : [];
      throw new HttpProblem(status, TITLES[status] ?? 'Client Error', error.message, extensions, {}, absenceKeys);
    }
  };
