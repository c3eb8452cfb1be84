import test from 'ava';
import fc from 'fast-check';
import { aLicence } from './licence-builder.ts';
import { decideGrant, decideRevocation, decideWindowAmendment } from './licence-decisions.ts';
import { LicencingError } from './licencing-error.ts';

const PLATFORMS = ['ios', 'android', 'samsung', 'web'];
const ID = '6f1c1f8e-3c7e-4a55-9f7c-0b7f1d6f4d2a';
const code = (c: string) => ({ instanceOf: LicencingError, code: c });

test('given a configured platform and a valid window, when granting, then an active first version with UTC dates is decided', (t) => {
  const licence = decideGrant(
    { episodeId: 123456, platform: 'samsung', startDate: '2013-01-04T20:30:00+01:00', endDate: '2013-01-11T19:30:00Z' },
    PLATFORMS,
    ID.toUpperCase(),
  );
  t.deepEqual(licence, {
    licenceId: ID,
    episodeId: 123456,
    platform: 'samsung',
    startDate: '2013-01-04T19:30:00Z',
    endDate: '2013-01-11T19:30:00Z',
    status: 'active',
    version: 1,
  });
});

test('given an unknown platform or an odd episode id, when granting, then it is refused', (t) => {
  const grant = { episodeId: 1, platform: 'ios', startDate: '2026-01-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z' };
  t.throws(() => decideGrant({ ...grant, platform: 'playstation' }, PLATFORMS, ID), code('unknown-platform'));
  for (const episodeId of [0, -1, 1.5, 10_000_000_000, Number.NaN])
    t.throws(() => decideGrant({ ...grant, episodeId }, PLATFORMS, ID), code('invalid-episode-id'));
});

test('given an active licence read at its version, when revoking, then it is revoked at the next version', (t) => {
  t.deepEqual(decideRevocation(aLicence({ version: 3 }), 3), aLicence({ status: 'revoked', version: 4 }));
});

test('given a stale version, when revoking or amending, then it is refused with the current version', (t) => {
  const error = t.throws(() => decideRevocation(aLicence({ version: 3 }), 2), code('stale-version'));
  t.is((error as LicencingError).currentVersion, 3);
  t.throws(
    () =>
      decideWindowAmendment(aLicence(), {
        licenceId: ID,
        startDate: '2014-01-01T00:00:00Z',
        endDate: '2014-02-01T00:00:00Z',
        expectedVersion: 2,
      }),
    code('stale-version'),
  );
});

test('given a revoked licence, when revoking or amending with any version, then it is a conflict', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 100 }), (expectedVersion) => {
      const revoked = aLicence({ status: 'revoked', version: 2 });
      const refused = (work: () => unknown) => {
        try {
          work();
          return false;
        } catch (error) {
          return error instanceof LicencingError && error.code === 'licence-revoked';
        }
      };
      return (
        refused(() => decideRevocation(revoked, expectedVersion)) &&
        refused(() =>
          decideWindowAmendment(revoked, {
            licenceId: revoked.licenceId,
            startDate: '2014-01-01T00:00:00Z',
            endDate: '2014-02-01T00:00:00Z',
            expectedVersion,
          }),
        )
      );
    }),
  );
  t.pass();
});

test('given an active licence, when amending its window, then only the window and the version change', (t) => {
  const day = 86_400;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 40_000 }),
      fc.integer({ min: 1, max: 3650 }),
      fc.integer({ min: 1, max: 50 }),
      (startDay, length, version) => {
        const startDate = new Date(startDay * day * 1000).toISOString();
        const endDate = new Date((startDay + length) * day * 1000).toISOString();
        const amended = decideWindowAmendment(aLicence({ version }), { licenceId: ID, startDate, endDate, expectedVersion: version });
        return (
          amended.version === version + 1 &&
          amended.startDate === startDate.replace('.000Z', 'Z') &&
          amended.endDate === endDate.replace('.000Z', 'Z') &&
          amended.status === 'active' &&
          amended.platform === 'samsung' &&
          amended.episodeId === 123456
        );
      },
    ),
  );
  t.pass();
});
