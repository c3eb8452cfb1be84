/**
 * A page query as the use case hands it to the store: every value already validated (platform
 * and channel well-formed, prefix folded and bounded, paging within limits).
 */
export interface EpisodeQuery {
  readonly platform: string;
  /** The channel folded (`channelKey`): matched against each document's `channelKey`. */
  readonly channel?: string;
  readonly prefix?: string;
  readonly at: Date;
  /**
   * true: only what is playable at `at` (inside a window); false: only what is coming (listed,
   * its next window not yet open); absent: both.
   */
  readonly available?: boolean;
  readonly page: number;
  readonly size: number;
  /** Whether to count every match per A to Z group (`groups` of the page). */
  readonly grouped?: boolean;
}
