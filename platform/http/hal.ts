import hal from 'hal';

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
 * Renders a HAL resource through the `hal` package: `properties` are the facts, `self` the
 * resource's root-relative path, `links` its other relations (undefined ones are skipped, so a
 * `prev` on the first page can be left out inline), `embedded` collections of rendered resources.
 */
export const halResource = (
  properties: Record<string, unknown>,
  self: string,
  links: Links = {},
  embedded: Record<string, readonly HalResource[]> = {},
): HalResource => {
  const resource = new hal.Resource(properties, self);
  for (const [rel, value] of Object.entries(links)) {
    if (value === undefined) continue;
    for (const link of Array.isArray(value) ? value : [value]) resource.link(rel, link);
  }
  const json = resource.toJSON() as Record<string, unknown>;
  const rendered = Object.entries(embedded);
  return (rendered.length === 0 ? json : { ...json, _embedded: Object.fromEntries(rendered) }) as HalResource;
};

/** A templated link (RFC 6570), e.g. `/catalogue/episodes/{id}`. */
export const templated = (href: string, title?: string): HalLink => ({ href, templated: true, ...(title ? { title } : {}) });
