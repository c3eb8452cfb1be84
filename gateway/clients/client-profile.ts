import type { HalResource } from '#platform/http/hal';
import type { Version } from '../negotiation/media-types.ts';
import type { ProductionFacts } from '../views/production-facts.ts';

/**
 * What one client platform gets: its page size, how it groups an A to Z page, and one item
 * view per media-type version. Each platform keeps its own module so that changing what the
 * Samsung TV app shows never touches the iOS app's contract.
 */
export interface ClientProfile {
  readonly platform: string;
  readonly pageSize: number;
  /** Grouping applied when the client does not ask for one (TV rails are A to Z by default). */
  readonly defaultGrouping?: 'alphabetical';
  /**
   * What the list holds when the client does not say (`available=`): `true` only what plays now,
   * `any` what plays now and what is coming, each item saying which (docs/gateway.md says why).
   */
  readonly defaultAvailable: 'true' | 'any';
  /** `flat`: a `groups` index beside the list; `rails`: productions nested per letter. */
  readonly groupLayout: 'flat' | 'rails';
  readonly views: Record<Version, (facts: ProductionFacts) => HalResource>;
}
