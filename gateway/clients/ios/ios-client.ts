import type { ClientProfile } from '../client-profile.ts';
import { V1_TILE, V2_TILE, v1Item, v2Item } from '../../views/item-views.ts';

/** iOS: phone and tablet lists of 20, full synopsis, series and episode numbers for the detail sheet. */
export const iosClient: ClientProfile = {
  platform: 'ios',
  pageSize: 20,
  defaultAvailable: 'any',
  groupLayout: 'flat',
  views: {
    1: (f) => v1Item('ios', f, [...V1_TILE, 'synopsis']),
    2: (f) => v2Item('ios', f, [...V2_TILE, 'synopsis']),
  },
};
