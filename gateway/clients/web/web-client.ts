import type { ClientProfile } from '../client-profile.ts';
import { v1Item, v2Item } from '../../views/item-views.ts';

/** Web: larger pages of 24 for a desktop grid, and every fact, channel and duration included. */
export const webClient: ClientProfile = {
  platform: 'web',
  pageSize: 24,
  groupLayout: 'flat',
  views: {
    1: (f) =>
      v1Item('web', f, ['episodeId', 'title', 'programmeId', 'programmeTitle', 'channel', 'synopsis', 'seriesNumber', 'episodeNumber', 'durationSeconds', 'available', 'restricted', 'guidanceMessage', 'startDate', 'endDate']),
    2: (f) => v2Item('web', f, ['programme', 'series', 'synopsis', 'duration', 'guidance', 'window']),
  },
};
