import test from 'ava';
import fc from 'fast-check';
import { aLicence } from '../../domain/licence-builder.ts';
import { licenceGranted } from '../../messages/licencing-events.ts';
import { NOW, givenAnEmptyStore } from '../../store/in-memory-use-case-deps.ts';
import { makeAmendLicenceWindow } from './amend-licence-window.ts';

const givenAGrantedLicence = async () => {
  const deps = givenAnEmptyStore();
  const licence = aLicence();
  await deps.repository.save(licence, [licenceGranted(licence, NOW)]);
  return { ...deps, licence, amend: makeAmendLicenceWindow(deps) };
};

test('given an active licence, when its window is amended at its version, then the new window is stored with one event', async (t) => {
  const { repository, licence, amend } = await givenAGrantedLicence();
  const amended = await amend({
    licenceId: licence.licenceId,
    startDate: '2013-01-04T19:30:00Z',
    endDate: '2013-02-01T00:00:00-05:00',
    expectedVersion: 1,
  });
  t.deepEqual(amended, { ...licence, endDate: '2013-02-01T05:00:00Z', version: 2 });
  t.deepEqual(await repository.find(licence.licenceId), amended);
  t.like(repository.outbox.at(-1), {
    type: 'licencing.licence.window-amended',
    version: 2,
    data: { endDate: '2013-02-01T05:00:00Z', status: 'active' },
  });
});

test('given a series of amendments, each naming the version it read, then versions and events grow by one each time', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 8 }),
      async (windows) => {
        const { repository, licence, amend } = await givenAGrantedLicence();
        let version = 1;
        for (const [startDay, days] of windows) {
          const start = startDay * 86_400_000;
          const next = await amend({
            licenceId: licence.licenceId,
            startDate: new Date(start).toISOString(),
            endDate: new Date(start + days * 86_400_000).toISOString(),
            expectedVersion: version,
          });
          version = next.version;
        }
        return (
          version === windows.length + 1 &&
          repository.outbox.length === windows.length + 1 &&
          repository.outbox.every((e, i) => e.version === i + 1)
        );
      },
    ),
  );
  t.pass();
});

test('given a stale version or a backwards window, when amending, then nothing changes', async (t) => {
  const { repository, licence, amend } = await givenAGrantedLicence();
  await t.throwsAsync(
    amend({ licenceId: licence.licenceId, startDate: '2014-01-01T00:00:00Z', endDate: '2014-02-01T00:00:00Z', expectedVersion: 2 }),
    { code: 'stale-version' },
  );
  await t.throwsAsync(
    amend({ licenceId: licence.licenceId, startDate: '2014-02-01T00:00:00Z', endDate: '2014-01-01T00:00:00Z', expectedVersion: 1 }),
    { code: 'invalid-window' },
  );
  await t.throwsAsync(
    amend({
      licenceId: '00000000-0000-4000-8000-000000000999',
      startDate: '2014-01-01T00:00:00Z',
      endDate: '2014-02-01T00:00:00Z',
      expectedVersion: 1,
    }),
    { code: 'licence-not-found' },
  );
  t.deepEqual(await repository.find(licence.licenceId), licence);
  t.is(repository.outbox.length, 1);
});
