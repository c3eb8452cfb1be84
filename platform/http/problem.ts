/** One RFC 9457 problem: the status, a short title and a detail a client can act on. */
export interface ProblemDetails {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_JSON = 'application/problem+json';

/**
 * An error that is meant for the client. The error handler renders it as
 * `application/problem+json`; any other error becomes a logged 500 that says nothing internal.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;
  /**
   * For a 404: the surrogate keys whose purge ends this absence (the event that creates the
   * resource names one), so the edge may keep the 404 until then (see createHttpApp). None: the
   * 404 is never kept.
   */
  readonly absenceKeys: readonly string[];

  constructor(
    status: number,
    title: string,
    detail?: string,
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
    absenceKeys: readonly string[] = [],
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.extensions = extensions;
    this.headers = headers;
    this.absenceKeys = absenceKeys;
  }

  toJSON(instance?: string): ProblemDetails {
    return {
      type: 'about:blank',
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export const badRequest = (detail: string, extensions?: Record<string, unknown>) => new HttpProblem(400, 'Bad Request', detail, extensions);
/** A 404; with `absenceKeys`, one the edge keeps until a purge of one of them (the resource appeared). */
export const notFound = (detail = 'No resource lives at this address.', absenceKeys: readonly string[] = []) =>
  new HttpProblem(404, 'Not Found', detail, {}, {}, absenceKeys);
export const unprocessable = (detail: string, extensions?: Record<string, unknown>) =>
  new HttpProblem(422, 'Unprocessable Content', detail, extensions);
export const preconditionRequired = () =>
  new HttpProblem(428, 'Precondition Required', 'Send If-Match with the ETag you last read, so that concurrent edits are not lost.');
export const preconditionFailed = (current?: string) =>
  new HttpProblem(
    412,
    'Precondition Failed',
    'The resource changed since you read it: read it again and retry with the new ETag.',
    current ? { currentETag: current } : {},
  );
