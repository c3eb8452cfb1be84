import type { Part } from './parts.ts';
import type { AlphabeticalGroup, CatalogueEpisode, Guidance, Production } from './upstream-shapes.ts';

/** A production with the parts its links led to: what every client's view is built from. */
export interface ComposedProduction {
  readonly production: Production;
  readonly catalogue: Part<CatalogueEpisode>;
  readonly guidance: Part<Guidance>;
}

/** A composed page: the productions, the totals and A to Z groups availability gave, and the query that made it. */
export interface ComposedPage {
  readonly productions: readonly ComposedProduction[];
  readonly total: number;
  readonly page: number;
  readonly size: number;
  /** Availability's A to Z index of the page, when it was asked grouped. */
  readonly groups: readonly AlphabeticalGroup[] | undefined;
}
