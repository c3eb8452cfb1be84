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

test('given the same command twice, when granted, then two licences exist: a grant is not idempotent by content', async (t) => {
  const deps = givenAnEmptyStore();
  const grant = makeGrantLicence(deps);
  const [first, second] = [await grant(command), await grant(command)];
  t.not(first.licenceId, second.licenceId);
  t.is((await deps.repository.list({ episodeId: 123456 }, 0, 10)).total, 2);
});

test('given an invalid command, when granted, then nothing is stored and no event is written', async (t) => {
  const deps = givenAnEmptyStore();
  const grant = makeGrantLicence(deps);
  await t.throwsAsync(grant({ ...command, platform: 'playstation' }), { instanceOf: LicencingError, code: 'unknown-platform' });
  await t.throwsAsync(grant({ ...command, endDate: command.startDate }), { instanceOf: LicencingError, code: 'invalid-window' });
  t.is(deps.repository.outbox.length, 0);
  t.is((await deps.repository.list({}, 0, 10)).total, 0);
});
