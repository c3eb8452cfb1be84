import { ZodError } from 'zod';
import { InvalidEventError } from '#platform/messaging/event-bus';
import { AvailabilityError } from '../domain/availability-error.ts';
import type { AvailabilityStore, PositionUpdate } from '../domain/availability-store.ts';
import type { ProjectionWrite } from '../domain/projection-write.ts';
import { sourceOfType } from '../domain/sources.ts';
import { projectEvent } from './project-event.ts';

export interface ProjectorDeps {
  readonly store: AvailabilityStore;
  readonly clock: () => Date;
}

/** projectEvent for an event read from a feed: an invalid one is the feed's fault (`invalid-feed`, 502). */
const projectFeedEvent = (item: unknown) => {
  try {
    return projectEvent(item);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const { type, position } = (item ?? {}) as { type?: unknown; position?: unknown };
    const issue = error.issues[0];
    throw new AvailabilityError(
      'invalid-feed',
      `A feed holds an event that is not valid (position ${String(position)}, type ${String(type).slice(0, 100)}: ${issue?.path.join('.') || 'event'} ${issue?.message ?? 'is invalid'}); nothing of its page was applied.`,
    );
  }
};

/** projectEvent for an event the bus delivered: an invalid one can never apply, so it is dead-lettered at once. */
const projectLiveEvent = (item: unknown) => {
  try {
    return projectEvent(item);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0];
    throw new InvalidEventError(`invalid event: ${issue?.path.join('.') || 'event'} ${issue?.message ?? 'is invalid'}`, { cause: error });
  }
};

/**
 * Applies events to the projection. While a rebuild runs, live events go to the live store
 * and to the store being rebuilt, so that nothing delivered during the rebuild is missing
 * from it when it replaces the live one (the writes are version-guarded, so twice is harmless).
 */
export const createProjector = ({ store, clock }: ProjectorDeps) => {
  let staging: AvailabilityStore | undefined;

  const prepare = (raw: readonly unknown[], fromFeed: boolean) => {
    const writes: ProjectionWrite[] = [];
    const positions: PositionUpdate[] = [];
    const appliedAt = clock().toISOString();
    for (const item of raw) {
      const { event, write } = fromFeed ? projectFeedEvent(item) : projectLiveEvent(item);
      if (write) writes.push(write);
      const source = sourceOfType(event.type);
      if (source) positions.push({ source, position: event.position, time: event.time, appliedAt, fromFeed });
    }
    return { writes, positions };
  };

  return {
    /** Applies events delivered by the bus (validated; invalid ones throw before any write). */
    async applyLive(raw: readonly unknown[]): Promise<void> {
      const { writes, positions } = prepare(raw, false);
      await store.apply(writes, positions);
      if (staging) await staging.apply(writes, positions);
    },
    /**
     * Applies a page read in order from a source's feed into `target` (the live store by default).
     * A page holding an invalid event changes nothing and is the feed's fault: `invalid-feed`.
     */
    async applyFeedPage(raw: readonly unknown[], target: AvailabilityStore = store): Promise<void> {
      const { writes, positions } = prepare(raw, true);
      await target.apply(writes, positions);
    },
    /** Directs live events to a store being rebuilt too, until `undefined` is set. */
    mirrorTo(target: AvailabilityStore | undefined): void {
      staging = target;
    },
  };
};

export type Projector = ReturnType<typeof createProjector>;
