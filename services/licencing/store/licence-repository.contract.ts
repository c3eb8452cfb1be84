import type { ExecutionContext, TestFn } from 'ava';
import type { Licence } from '../domain/licence.ts';
import { aLicence } from '../domain/licence-builder.ts';
import type { LicenceRepository } from '../domain/ports.ts';
import { licenceGranted, licenceRevoked, licenceWindowAmended } from '../messages/licencing-events.ts';

const at = new Date('2026-01-01T00:00:00Z');
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const grant = (repo: LicenceRepository, licence: Licence) => repo.save(licence, [licenceGranted(licence, at)]);

/**
 * The behaviour every LicenceRepository adapter must have. Each adapter's test file runs it
 * with a factory that returns a fresh, empty repository (or undefined to skip).
 */
export const licenceRepositoryContract = (
  test: TestFn,
  name: string,
  fresh: (t: ExecutionContext) => Promise<LicenceRepository | undefined>,
) => {
  test(`${name}: a granted licence is found again, dates in UTC to the second`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const licence = aLicence({ episodeId: 9_999_999_999 });
    const events = await grant(repo, licence);
    t.deepEqual(await repo.find(licence.licenceId), licence);
    t.is(events.length, 1);
    t.true(events[0]!.position > 0);
    t.is(await repo.find(id(999)), undefined);
  });

  test(`${name}: a change applies only on top of the version it names`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    await grant(repo, aLicence());
    const amended = aLicence({ startDate: '2014-01-01T00:00:00Z', endDate: '2014-02-01T00:00:00Z', version: 2 });
    const [event] = await repo.save(amended, [licenceWindowAmended(amended, at)]);
    t.is(event!.version, 2);
    const revokedOnStale = aLicence({ status: 'revoked', version: 2 });
    await t.throwsAsync(repo.save(revokedOnStale, [licenceRevoked(revokedOnStale, at)]), { message: /changed/ });
    await t.throwsAsync(grant(repo, aLicence()), { message: /changed/ });
    t.deepEqual(await repo.find(id(1)), amended);
    const revoked = { ...amended, status: 'revoked' as const, version: 3 };
    await repo.save(revoked, [licenceRevoked(revoked, at)]);
    t.deepEqual(await repo.find(id(1)), revoked);
  });

  test(`${name}: lists by episode and platform, ordered by startDate then licenceId, with a total`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const licences = [
      aLicence({ licenceId: id(3), startDate: '2020-01-01T00:00:00Z', endDate: '2020-02-01T00:00:00Z' }),
      aLicence({ licenceId: id(2), startDate: '2020-01-01T00:00:00Z', endDate: '2021-01-01T00:00:00Z', platform: 'ios' }),
      aLicence({ licenceId: id(1), startDate: '2019-06-01T00:00:00Z', endDate: '2020-02-01T00:00:00Z' }),
      aLicence({ licenceId: id(4), episodeId: 7, startDate: '2018-01-01T00:00:00Z', endDate: '2030-01-01T00:00:00Z' }),
    ];
    for (const licence of licences) await grant(repo, licence);
    const ids = (page: { items: Licence[] }) => page.items.map((l) => l.licenceId);
    t.deepEqual(ids(await repo.list({}, 0, 10)), [id(4), id(1), id(2), id(3)]);
    const episode = await repo.list({ episodeId: 123456 }, 1, 1);
    t.is(episode.total, 3);
    t.deepEqual(ids(episode), [id(2)]);
    t.deepEqual(ids(await repo.list({ platform: 'samsung' }, 0, 10)), [id(4), id(1), id(3)]);
    t.deepEqual(ids(await repo.list({ episodeId: 123456, platform: 'ios' }, 0, 10)), [id(2)]);
    t.deepEqual(await repo.list({ episodeId: 8 }, 0, 10), { items: [], total: 0 });
  });

  test(`${name}: events get increasing positions in save order`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const positions: number[] = [];
    for (const n of [3, 1, 2]) positions.push(...(await grant(repo, aLicence({ licenceId: id(n) }))).map((e) => e.position));
    t.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
    t.is(new Set(positions).size, 3);
  });
};
