import type { Licence } from './licence.ts';

/**
 * A test-data builder: the seed's active, version-1 samsung licence for episode 123456 unless
 * told otherwise, so each test states only what matters to it.
 */
export const aLicence = (overrides: Partial<Licence> = {}): Licence => ({
  licenceId: '00000000-0000-4000-8000-000000000001',
  episodeId: 123456,
  platform: 'samsung',
  startDate: '2013-01-04T19:30:00Z',
  endDate: '2013-01-11T19:30:00Z',
  status: 'active',
  version: 1,
  ...overrides,
});
