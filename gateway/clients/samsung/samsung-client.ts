import type { ClientProfile } from '../client-profile.ts';
import { v1Item, v2Item } from '../../views/item-views.ts';

/**
 * Samsung TVs: a 10-foot grid of 12 tiles, A to Z rails by default, a short synopsis that fits
 * a tile (TV browsers have little memory), no programme block.
 */
export const samsungClient: ClientProfile = {
  platform: 'samsung',
  pageSize: 12,
  defaultGrouping: 'alphabetical',
  groupLayout: 'rails',
  views: {
    1: (f) => v1Item('samsung', f, ['episodeId', 'title', 'synopsis', 'restricted', 'guidanceMessage', 'startDate', 'endDate'], { synopsis: 120 }),
    2: (f) => v2Item('samsung', { ...f, synopsis: f.synopsis && f.synopsis.length > 120 ? `${f.synopsis.slice(0, 119)}…` : f.synopsis }, ['synopsis', 'guidance', 'window']),
  },
};
