/** The domain services whose events the projection is built from, each with its own feed. */
export const SOURCES = ['catalogue', 'guidance', 'licencing'] as const;
export type Source = (typeof SOURCES)[number];

/**
 * Where the projection stands in one source's event log. `checkpoint` advances only while a
 * feed is read in order, so catching up from it never skips an event; `position` is the highest
 * position applied by any path (live or feed) and `head` the highest one seen, for the lag.
 */
export interface SourcePosition {
  readonly source: Source;
  readonly checkpoint: number;
  readonly position: number;
  readonly head: number;
  readonly lastEventTime: string | null;
  readonly appliedAt: string | null;
}

export const initialPosition = (source: Source): SourcePosition => ({
  source,
  checkpoint: 0,
  position: 0,
  head: 0,
  lastEventTime: null,
  appliedAt: null,
});

/** The source an event belongs to, from its routing key (`licencing.licence.granted`). */
export const sourceOfType = (type: string): Source | undefined => SOURCES.find((source) => type.startsWith(`${source}.`));

/** Moves a source's position past one applied event; older positions never move it back. */
export const advancePosition = (
  current: SourcePosition,
  update: { readonly position: number; readonly time: string; readonly appliedAt: string; readonly fromFeed: boolean },
): SourcePosition => ({
  source: current.source,
  checkpoint: update.fromFeed ? Math.max(current.checkpoint, update.position) : current.checkpoint,
  position: Math.max(current.position, update.position),
  head: Math.max(current.head, update.position),
  lastEventTime: update.position >= current.position ? update.time : current.lastEventTime,
  appliedAt: update.appliedAt,
});
