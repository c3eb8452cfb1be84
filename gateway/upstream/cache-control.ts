/** What the gateway needs to know from a response's `Cache-Control`. */
export interface Freshness {
  /** Seconds the response may be reused without asking (0 when it must be revalidated). */
  readonly maxAge: number;
  /** Seconds past that during which it may still be served if the origin errors. */
  readonly staleIfError: number;
  readonly noStore: boolean;
  /** What the upstream grants a shared cache purged by the update events (the edge): `s-maxage`, else `max-age`. */
  readonly shared: SharedGrant;
}

/** The edge's allowances, in seconds, as an upstream granted them (0 when unsaid). */
export interface SharedGrant {
  readonly maxAge: number;
  readonly staleWhileRevalidate: number;
  readonly staleIfError: number;
}

const directive = (header: string, name: string): number | undefined => {
  const match = new RegExp(`(?:^|,)\\s*${name}\\s*=\\s*"?(\\d{1,9})"?`, 'i').exec(header);
  return match ? Number(match[1]) : undefined;
};

/**
 * Parses `max-age`, `stale-if-error` (RFC 5861), `no-store` and `no-cache`. `s-maxage` is left
 * to the edge cache: it is granted because the update events purge Varnish, and nothing purges
 * the gateway's own part cache, so it keeps a part no longer than a client could. A missing header means "revalidate
 * every time": the gateway never invents freshness a service did not grant, but keeps the body
 * for `defaultStaleIfError` seconds so that an outage can still be bridged.
 */
export const parseCacheControl = (header: string | undefined, defaultStaleIfError: number): Freshness => {
  const value = header ?? '';
  const noStore = /(?:^|,)\s*(no-store|private)\b/i.test(value);
  const noCache = /(?:^|,)\s*no-cache\b/i.test(value);
  const maxAge = noCache ? 0 : (directive(value, 'max-age') ?? 0);
  const shared =
    noStore || noCache
      ? { maxAge: 0, staleWhileRevalidate: 0, staleIfError: 0 }
      : {
          maxAge: directive(value, 's-maxage') ?? maxAge,
          staleWhileRevalidate: directive(value, 'stale-while-revalidate') ?? 0,
          staleIfError: directive(value, 'stale-if-error') ?? 0,
        };
  return { maxAge, staleIfError: directive(value, 'stale-if-error') ?? defaultStaleIfError, noStore, shared };
};
