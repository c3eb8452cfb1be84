import type { AvailabilityStore } from '../../domain/availability-store.ts';
import { SOURCES, type SourcePosition } from '../../domain/sources.ts';
import type { ReadFeedPage } from '../../feeds/feed-client.ts';

export interface ShowAvailabilityStatusDeps {
  readonly store: AvailabilityStore;
  readonly readPage: ReadFeedPage;
  readonly clock: () => Date;
}

const timeOf = (event: unknown): number | undefined => {
  const time = (event as { time?: unknown })?.time;
  return typeof time === 'string' ? Date.parse(time) : undefined;
};

/**
 * Where the projection stands per source: the last position applied, the lag in events (the
 * feed's head minus it) and in seconds (the age of the oldest event not yet applied), and the
 * projection's counts. A feed that does not answer leaves its lag unknown (null), not fatal.
 */
export const makeShowAvailabilityStatus =
  ({ store, readPage, clock }: ShowAvailabilityStatusDeps) =>
  async () => {
    const [positions, counts] = await Promise.all([store.positions(), store.counts()]);
    const now = clock().getTime();
    const sources = await Promise.all(
      SOURCES.map(async (source) => {
        const held: SourcePosition = positions[source];
        const probe = await readPage(source, held.position, 1).catch(() => undefined);
        const head = probe?.head ?? (probe ? Math.max(held.head, held.position + probe.events.length) : undefined);
        const oldest = probe?.events[0] === undefined ? undefined : timeOf(probe.events[0]);
        return {
          source,
          position: held.position,
          checkpoint: held.checkpoint,
          head: head ?? null,
          lagEvents: head === undefined ? null : Math.max(0, head - held.position),
          lagSeconds: probe === undefined ? null : oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000),
          lastEventTime: held.lastEventTime,
          appliedAt: held.appliedAt,
        };
      }),
    );
    return { sources, counts };
  };

export type ShowAvailabilityStatus = ReturnType<typeof makeShowAvailabilityStatus>;
