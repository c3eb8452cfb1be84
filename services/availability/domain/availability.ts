import type { EpisodeDocument, LicenceEntry } from './episode-projection.ts';

/** A half-open window [start, end): available from `start` inclusive until `end` exclusive. */
export interface Window {
  readonly start: Date;
  readonly end: Date;
}

/**
 * Whether an episode is available on a platform at an instant, and why: `window` is the one
 * that makes it available, or the next one that will, or null when there is none.
 */
export interface Availability {
  readonly available: boolean;
  readonly window: Window | null;
  readonly licenceIds: readonly string[];
}

/**
 * The active windows on `platform`, sorted and merged where they overlap or touch, so that
 * two back-to-back licences read as one uninterrupted availability.
 */
export const platformWindows = (licences: readonly LicenceEntry[], platform: string): Window[] => {
  const sorted = licences
    .filter((l) => l.active && l.platform === platform)
    .map((l) => ({ start: l.start, end: l.end }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: { start: Date; end: Date }[] = [];
  for (const window of sorted) {
    const last = merged.at(-1);
    if (last && window.start.getTime() <= last.end.getTime()) {
      if (window.end.getTime() > last.end.getTime()) last.end = window.end;
    } else merged.push({ ...window });
  }
  return merged;
};

/** Evaluates availability at `at`; pure, so "available" needs no event at a window's edges. */
export const availabilityAt = (doc: Pick<EpisodeDocument, 'licences'>, platform: string, at: Date): Availability => {
  const t = at.getTime();
  const windows = platformWindows(doc.licences, platform);
  const current = windows.find((w) => w.start.getTime() <= t && t < w.end.getTime());
  const window = current ?? windows.find((w) => w.start.getTime() > t) ?? null;
  const licenceIds = window
    ? doc.licences
        .filter((l) => l.active && l.platform === platform && l.start < window.end && l.end > window.start)
        .map((l) => l.licenceId)
    : [];
  return { available: current !== undefined, window, licenceIds };
};

/**
 * The first window edge after `at` on `platform`: the instant this episode's answer would
 * change without any event, which a response's max-age must not outlive.
 */
export const nextBoundary = (doc: Pick<EpisodeDocument, 'licences'>, platform: string, at: Date): Date | null => {
  const t = at.getTime();
  let next: number | undefined;
  for (const w of platformWindows(doc.licences, platform)) {
    for (const edge of [w.start.getTime(), w.end.getTime()]) {
      if (edge > t && (next === undefined || edge < next)) next = edge;
    }
  }
  return next === undefined ? null : new Date(next);
};

/** Whether an episode belongs in a platform's answers at `at`: published, with a window not yet over. */
export const isListed = (doc: EpisodeDocument, platform: string, at: Date): boolean =>
  doc.published && doc.licences.some((l) => l.active && l.platform === platform && l.end.getTime() > at.getTime());
