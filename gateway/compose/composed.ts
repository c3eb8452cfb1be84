import type { Part } from './parts.ts';
import type { CatalogueEpisode, Guidance, Licence, Production } from './upstream-shapes.ts';

/** A production with the parts its links led to: what every client's view is built from. */
export interface ComposedProduction {
  readonly production: Production;
  readonly catalogue: Part<CatalogueEpisode>;
  readonly guidance: Part<Guidance>;
  /** This platform's active licences only. */
  readonly licences: Part<readonly Licence[]>;
}

/** A composed page: the productions, the totals availability gave, and the query that made it. */
export interface ComposedPage {
  readonly productions: readonly ComposedProduction[];
  readonly total: number;
  readonly page: number;
  readonly size: number;
}
