/** A HAL link object as it appears in `_links`. */
export interface HalLink {
  readonly href: string;
  readonly templated?: boolean;
  readonly title?: string;
  readonly name?: string;
}

/** A rendered HAL resource: plain JSON with `_links` (always `self`) and optional `_embedded`. */
export interface HalResource {
  readonly _links: Record<string, HalLink | HalLink[]>;
  readonly _embedded?: Record<string, HalResource[]>;
  readonly [property: string]: unknown;
}

export type Links = Record<string, string | HalLink | HalLink[] | undefined>;

export const HAL_JSON = 'application/hal+json';

/**
 * Renders a HAL resource: `properties` are the facts, `self` the resource's root-relative path,
 * `links` its other relations (undefined ones are skipped, so a `prev` on the first page can be
 * left out inline; a relation with one link is one object, with several an array, as `hal` rendered
 * them), `embedded` collections of
 * already rendered resources.
 *
 * Hand-written rather than the `hal` package, which the services used for `_links` alone: `hal`
 * 1.2 ships no types, leaves a `rel` member inside every link of a link array, cannot embed a
 * resource that is already rendered (it calls `toJSON` on each of its links), and pluralises
 * embedded relation names by appending "s". The whole of HAL's JSON shape the platform needs is
 * the dozen lines below; hal.test.ts pins it.
 */
export const halResource = (
  properties: Record<string, unknown>,
  self: string,
  links: Links = {},
  embedded: Record<string, readonly HalResource[]> = {},
): HalResource => {
  const rendered: Record<string, HalLink | HalLink[]> = { self: { href: self } };
  for (const [rel, value] of Object.entries(links)) {
    if (value === undefined) continue;
    const all = Array.isArray(value) ? value : [value as string | HalLink];
    if (all.length > 0) rendered[rel] = all.length === 1 ? asLink(all[0]!) : all.map(asLink);
  }
  const resource: Record<string, unknown> = { _links: rendered, ...properties };
  if (Object.keys(embedded).length > 0) resource._embedded = embedded;
  return resource as unknown as HalResource;
};

const asLink = (link: string | HalLink): HalLink => (typeof link === 'string' ? { href: link } : link);

/** A templated link (RFC 6570), e.g. `/catalogue/episodes/{id}`. */
export const templated = (href: string, title?: string): HalLink => ({ href, templated: true, ...(title ? { title } : {}) });
