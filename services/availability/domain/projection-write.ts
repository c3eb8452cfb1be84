import type { EpisodeDocument, LicenceEntry } from './episode-projection.ts';

/** What the catalogue decides of a production: its titles, search words, programme and channel, and whether it may be answered. */
export interface CatalogueFields {
  readonly programmeId: number;
  readonly title: string;
  readonly episodeTitle: string;
  readonly titleKey: string;
  readonly words: readonly string[];
  readonly channel: string;
  readonly channelKey: string;
  readonly published: boolean;
}

/** What guidance decides of an episode. */
export interface GuidanceFields {
  readonly restricted: boolean;
  readonly guidanceMessage: string | null;
}

/**
 * The change one event makes, as data: the fields a source's resource sets (at the version it
 * carries), or a licence's entry replaced whole. Stores translate it into their own terms (the
 * MongoDB adapter into a version-guarded update document); the domain never speaks a store's
 * query language.
 */
export type ProjectionChange =
  | { readonly kind: 'catalogue'; readonly version: number; readonly fields: CatalogueFields }
  | { readonly kind: 'guidance'; readonly version: number; readonly fields: GuidanceFields }
  | { readonly kind: 'licence'; readonly entry: LicenceEntry };

/**
 * One event turned into a version-guarded change of one episode document: the change as data,
 * and the same change as a pure function of the document (the decision every store must
 * reproduce; the embedded store runs it as it is). When a newer version is held, the change
 * does nothing. A property test checks that the MongoDB adapter's translation agrees.
 */
export interface ProjectionWrite {
  readonly episodeId: number;
  readonly change: ProjectionChange;
  /** The new document, or undefined when the guard does not match (a duplicate or older event). */
  readonly applyTo: (doc: EpisodeDocument) => EpisodeDocument | undefined;
}

/** Whether a held version is at least `version`, so that an event carrying it changes nothing. */
export const holdsAtLeast = (held: number | undefined, version: number): boolean => held !== undefined && held >= version;

export type { EpisodeDocument };
