/** The versions of the production resource the gateway serves, newest last. */
export const SUPPORTED_VERSIONS = [1, 2] as const;
export type Version = (typeof SUPPORTED_VERSIONS)[number];

/** Versions still served but on their way out: announced with Deprecation and Sunset headers. */
export const DEPRECATED: Partial<Record<Version, { readonly since: Date; readonly sunset: Date }>> = {
  1: { since: new Date('2026-01-01T00:00:00Z'), sunset: new Date('2026-12-31T00:00:00Z') },
};

export const HTML = 'text/html; charset=utf-8';

/** Where the versions and their deprecation are described: the target of `Link: rel="deprecation"` (RFC 9745). */
export const VERSIONS_PATH = '/vod/versions';

/** `application/vnd.itv.ctv.production.v1+hal+json`: the version in the subtype. */
export const suffixForm = (version: Version) => `application/vnd.itv.ctv.production.v${version}+hal+json`;

/** `application/vnd.itv.ctv.production+hal+json;version=1`: the version as a parameter. */
export const parameterForm = (version: Version) => `application/vnd.itv.ctv.production+hal+json;version=${version}`;

/** Every media type a client may ask for, as the 406 lists them. */
export const supportedMediaTypes = (): string[] => [...SUPPORTED_VERSIONS.flatMap((v) => [suffixForm(v), parameterForm(v)]), 'text/html'];

/** What negotiation chose: a JSON version (and the spelling to answer with) or the HTML page. */
export type Chosen =
  | { readonly kind: 'json'; readonly version: Version; readonly contentType: string }
  | { readonly kind: 'html'; readonly contentType: string };
