import type { ClientProfile } from '../client-profile.ts';
import { V1_TILE, V2_TILE, v1Item, v2Item } from '../../views/item-views.ts';

/** Android: lists of 20 like iOS, plus the duration its player shows before playback starts. */
export const androidClient: ClientProfile = {
  platform: 'android',
  pageSize: 20,
  defaultAvailable: 'any',
  groupLayout: 'flat',
  views: {
    1: (f) => v1Item('android', f, [...V1_TILE, 'synopsis', 'durationSeconds']),
    2: (f) => v2Item('android', f, [...V2_TILE, 'synopsis', 'duration']),
  },
};
