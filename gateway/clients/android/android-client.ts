import type { ClientProfile } from '../client-profile.ts';
import { v1Item, v2Item } from '../../views/item-views.ts';

/** Android: lists of 20 like iOS, plus the duration its player shows before playback starts. */
export const androidClient: ClientProfile = {
  platform: 'android',
  pageSize: 20,
  groupLayout: 'flat',
  views: {
    1: (f) => v1Item('android', f, ['episodeId', 'title', 'programmeTitle', 'synopsis', 'durationSeconds', 'restricted', 'guidanceMessage', 'startDate', 'endDate']),
    2: (f) => v2Item('android', f, ['programme', 'synopsis', 'duration', 'guidance', 'window']),
  },
};
