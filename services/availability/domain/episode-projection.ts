/** One licence as the projection keeps it: enough to evaluate a window, plus its version. */
export interface LicenceEntry {
  readonly licenceId: string;
  readonly version: number;
  readonly platform: string;
  readonly start: Date;
  readonly end: Date;
  readonly active: boolean;
}

/**
 * The projection's document, one per episode, holding only what the queries need. The ids
 * lead back to the domain resources; versions record the last change applied per source
 * resource, so a duplicate or older event changes nothing.
 */
export interface EpisodeDocument {
  readonly _id: number;
  readonly episodeId: number;
  readonly programmeId: number | null;
  /** The programme's title ("Downton Abbey"): searched, sorted and grouped A to Z. */
  readonly title: string | null;
  /** The episode's own title ("Series 1, Episode 1"), shown beside the programme's. */
  readonly episodeTitle: string | null;
  readonly titleKey: string;
  readonly words: readonly string[];
  readonly channel: string | null;
  /** The channel folded (`channelKey`), which `channel=` matches: `itv` finds ITV. */
  readonly channelKey: string | null;
  readonly published: boolean;
  readonly restricted: boolean;
  readonly guidanceMessage: string | null;
  readonly licences: readonly LicenceEntry[];
  readonly versions: { readonly catalogue?: number; readonly guidance?: number };
}

/**
 * The document an episode starts as when any source mentions it first: guidance or a licence
 * may arrive before the catalogue's episode, and is kept until it does.
 */
export const emptyEpisode = (episodeId: number): EpisodeDocument => ({
  _id: episodeId,
  episodeId,
  programmeId: null,
  title: null,
  episodeTitle: null,
  titleKey: '',
  words: [],
  channel: null,
  channelKey: null,
  published: false,
  restricted: false,
  guidanceMessage: null,
  licences: [],
  versions: {},
});
