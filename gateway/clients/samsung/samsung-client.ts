import type { ClientProfile } from '../client-profile.ts';
import { V1_TILE, V2_TILE, v1Item, v2Item } from '../../views/item-views.ts';

const SYNOPSIS = 120;

/**
 * Samsung TVs: a 10-foot grid of 12 tiles, A to Z rails by default, a short synopsis that fits
 * a tile (TV browsers have little memory). A tile still names its programme: "Series 3,
 * Episode 2" alone does not say which show.
 */
export const samsungClient: ClientProfile = {
  platform: 'samsung',
  pageSize: 12,
  defaultGrouping: 'alphabetical',
  defaultAvailable: 'true',
  groupLayout: 'rails',
  views: {
    1: (f) => v1Item('samsung', f, [...V1_TILE, 'synopsis'], { synopsis: SYNOPSIS }),
    2: (f) =>
      v2Item(
        'samsung',
        { ...f, synopsis: f.synopsis && f.synopsis.length > SYNOPSIS ? `${f.synopsis.slice(0, SYNOPSIS - 1)}…` : f.synopsis },
        [...V2_TILE, 'synopsis'],
      ),
  },
};
