import type { ExecutionContext, TestFn } from 'ava';
import { guidanceSet } from '../messages/guidance-events.ts';
import type { EpisodeGuidance } from '../domain/episode-guidance.ts';
import type { GuidanceRepository } from '../domain/ports.ts';

const at = new Date('2026-01-01T00:00:00Z');
const guidance = (episodeId: number, version: number, restricted = true): EpisodeGuidance => ({
  episodeId,
  restricted,
  message: restricted ? 'Contains Strong Language' : null,
  version,
});

/**
 * The behaviour every GuidanceRepository adapter must have. Each adapter's test file runs it
 * with a factory that returns a fresh, empty repository (or undefined to skip).
 */
export const guidanceRepositoryContract = (
  test: TestFn,
  name: string,
  fresh: (t: ExecutionContext) => Promise<GuidanceRepository | undefined>,
) => {
  test(`${name}: a saved guidance is found again`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const first = guidance(123456, 1);
    const events = await repo.save(first, [guidanceSet(first, at)]);
    t.deepEqual(await repo.find(123456), first);
    t.is(events.length, 1);
    t.true(events[0]!.position > 0);
    t.is(await repo.find(999), undefined);
  });

  test(`${name}: an update applies only on top of the version it names`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    await repo.save(guidance(7, 1), [guidanceSet(guidance(7, 1), at)]);
    const second = guidance(7, 2, false);
    const [event] = await repo.save(second, [guidanceSet(second, at)]);
    t.deepEqual(await repo.find(7), second);
    await t.throwsAsync(repo.save(guidance(7, 2), [guidanceSet(guidance(7, 2), at)]), { message: /changed/ });
    await t.throwsAsync(repo.save(guidance(7, 1), [guidanceSet(guidance(7, 1), at)]), { message: /changed/ });
    t.deepEqual(await repo.find(7), second);
    t.is(event!.version, 2);
  });

  test(`${name}: lists guidance in episode order with a total`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    for (const id of [30, 10, 20]) await repo.save(guidance(id, 1), [guidanceSet(guidance(id, 1), at)]);
    const page = await repo.list(1, 1);
    t.is(page.total, 3);
    t.deepEqual(
      page.items.map((g) => g.episodeId),
      [20],
    );
  });

  test(`${name}: events get increasing positions in save order`, async (t) => {
    const repo = await fresh(t);
    if (!repo) return;
    const positions: number[] = [];
    for (const id of [3, 1, 2])
      positions.push(...(await repo.save(guidance(id, 1), [guidanceSet(guidance(id, 1), at)])).map((e) => e.position));
    t.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
    t.is(new Set(positions).size, 3);
  });
};
