import test from 'ava';
import { LicencingError } from '../../domain/licencing-error.ts';
import { NOW, givenAnEmptyStore } from '../../store/in-memory-use-case-deps.ts';
import { makeGrantLicence } from './grant-licence.ts';

const command = { episodeId: 123456, platform: 'samsung', startDate: '2013-01-04T19:30:00Z', endDate: '2013-01-11T19:30:00Z' };

test('given an empty store, when an editor grants a licence, then it is stored with one granted event', async (t) => {
  const deps = givenAnEmptyStore();
  const licence = await makeGrantLicence(deps)(command, '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  t.deepEqual(await deps.repository.find(licence.licenceId), licence);
  t.is(deps.repository.outbox.length, 1);
  t.like(deps.repository.outbox[0], {
    type: 'licencing.licence.granted',
    source: '/licencing',
    subject: `/licencing/licences/${licence.licenceId}`,
    version: 1,
    time: NOW.toISOString(),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    data: { ...command, licenceId: licence.licenceId, status: 'active' },
  });
});

test('given an active licence, when the identical command is granted again, then it is refused with a link to the licence that exists', async (t) => {
  const deps = givenAnEmptyStore();
  const grant = makeGrantLicence(deps);
  const first = await grant(command);
  const error = await t.throwsAsync(grant(command), { instanceOf: LicencingError, code: 'identical-licence' });
  t.deepEqual(error?.links, { existing: `/licencing/licences/${first.licenceId}` });
  t.is((await deps.repository.list({ episodeId: 123456 }, 0, 10)).total, 1);
  t.is(deps.repository.outbox.length, 1);
});

test('given a grant with a key, when the same key comes again, then the same command answers the same licence and another command is refused', async (t) => {
  const deps = givenAnEmptyStore();
  const grant = makeGrantLicence(deps);
  const first = await grant(command, undefined, { idempotencyKey: 'key-00000001', editor: 'alice' });
  t.deepEqual(await grant(command, undefined, { idempotencyKey: 'key-00000001' }), first);
  await t.throwsAsync(grant({ ...command, platform: 'web' }, undefined, { idempotencyKey: 'key-00000001' }), {
    instanceOf: LicencingError,
    code: 'idempotency-key-reused',
  });
  t.is(deps.repository.outbox.length, 1);
  t.is(deps.repository.outbox[0]!.editor, 'alice');
});

test('given a revoked licence, when the same window is granted again, then a new licence is granted', async (t) => {
  const deps = givenAnEmptyStore();
  const grant = makeGrantLicence(deps);
  const first = await grant(command);
  await deps.repository.save({ ...first, status: 'revoked', version: 2 }, []);
  const second = await grant(command);
  t.not(second.licenceId, first.licenceId);
});

test('given an invalid command, when granted, then nothing is stored and no event is written', async (t) => {
  const deps = givenAnEmptyStore();
  const grant = makeGrantLicence(deps);
  await t.throwsAsync(grant({ ...command, platform: 'playstation' }), { instanceOf: LicencingError, code: 'unknown-platform' });
  await t.throwsAsync(grant({ ...command, endDate: command.startDate }), { instanceOf: LicencingError, code: 'invalid-window' });
  t.is(deps.repository.outbox.length, 0);
  t.is((await deps.repository.list({}, 0, 10)).total, 0);
});
