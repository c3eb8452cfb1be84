import test from 'ava';
import { aLicence } from '../../domain/licence-builder.ts';
import { LicencingError } from '../../domain/licencing-error.ts';
import { licenceGranted } from '../../messages/licencing-events.ts';
import { NOW, givenAnEmptyStore } from '../../store/in-memory-use-case-deps.ts';
import { makeRevokeLicence } from './revoke-licence.ts';

const givenAGrantedLicence = async () => {
  const deps = givenAnEmptyStore();
  const licence = aLicence();
  await deps.repository.save(licence, [licenceGranted(licence, NOW)]);
  return { ...deps, licence, revoke: makeRevokeLicence(deps) };
};

test('given an active licence, when revoked at its version, then it is revoked with one revoked event', async (t) => {
  const { repository, licence, revoke } = await givenAGrantedLicence();
  const revoked = await revoke({ licenceId: licence.licenceId.toUpperCase(), expectedVersion: 1 });
  t.deepEqual(revoked, { ...licence, status: 'revoked', version: 2 });
  t.deepEqual(await repository.find(licence.licenceId), revoked);
  t.like(repository.outbox.at(-1), {
    type: 'licencing.licence.revoked',
    version: 2,
    data: { status: 'revoked', licenceId: licence.licenceId },
  });
});

test('given a revoked licence, when revoked again, then it is a conflict and no second event is written', async (t) => {
  const { repository, licence, revoke } = await givenAGrantedLicence();
  await revoke({ licenceId: licence.licenceId, expectedVersion: 1 });
  await t.throwsAsync(revoke({ licenceId: licence.licenceId, expectedVersion: 2 }), {
    instanceOf: LicencingError,
    code: 'licence-revoked',
  });
  t.is(repository.outbox.length, 2);
});

test('given a stale version, an unknown licence or an odd id, when revoking, then nothing changes', async (t) => {
  const { repository, licence, revoke } = await givenAGrantedLicence();
  await t.throwsAsync(revoke({ licenceId: licence.licenceId, expectedVersion: 5 }), { code: 'stale-version' });
  await t.throwsAsync(revoke({ licenceId: '00000000-0000-4000-8000-000000000999', expectedVersion: 1 }), { code: 'licence-not-found' });
  await t.throwsAsync(revoke({ licenceId: 'licence-1', expectedVersion: 1 }), { code: 'invalid-licence-id' });
  t.deepEqual(await repository.find(licence.licenceId), licence);
  t.is(repository.outbox.length, 1);
});
