import type { ClientProfile } from '../client-profile.ts';
import { V1_TILE, V2_TILE, v1Item, v2Item } from '../../views/item-views.ts';

/** Web: larger pages of 24 for a desktop grid, and every fact, channel and duration included. */
export const webClient: ClientProfile = {
  platform: 'web',
  pageSize: 24,
  defaultAvailable: 'any',
  groupLayout: 'flat',
  views: {
    1: (f) => v1Item('web', f, [...V1_TILE, 'programmeId', 'channel', 'synopsis', 'durationSeconds']),
    2: (f) => v2Item('web', f, [...V2_TILE, 'synopsis', 'duration']),
  },
};
