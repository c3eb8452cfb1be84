import { GROUPS, groupKeyRange, type GroupCount } from '../domain/text.ts';
import type { Keyed } from './in-memory-live-lists.ts';
import { lowerBound, type SortedList } from './sorted-list.ts';

const byKey = (a: Keyed, b: Keyed) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id);
/** A probe before every entry whose key is `key` or after it. */
const keyProbe = (key: string): Keyed => ({ key, id: -Infinity });

/**
 * How many of the first `offset` entries of the merged order of two sorted lists come from `a`:
 * the least count whose next entry of `a` is not before the last one taken from `b` (a binary
 * search of ranks, each a walk over chunk lengths).
 */
const splitOf = (a: SortedList<Keyed>, b: SortedList<Keyed>, offset: number): number => {
  const lo = Math.max(0, offset - b.size);
  const hi = Math.min(offset, a.size);
  return (
    lo +
    lowerBound(hi - lo, (i) => {
      const fromA = lo + i;
      const fromB = offset - fromA;
      return fromB > 0 && byKey(a.at(fromA)!, b.at(fromB - 1)!) < 0;
    })
  );
};

const take = (list: SortedList<Keyed>, from: number, size: number): Keyed[] => {
  const taken: Keyed[] = [];
  if (size > 0) list.walkFrom(from, (keyed) => taken.push(keyed) < size);
  return taken;
};

/**
 * The entries at ranks [offset, offset + size) of the merged title order of one or two disjoint
 * sorted lists (what is open and what is coming): found by rank, so a deep page costs no more
 * than the first.
 */
export const pageOf = (lists: readonly SortedList<Keyed>[], offset: number, size: number): Keyed[] => {
  const [a, b] = lists;
  if (!a) return [];
  if (!b) return take(a, offset, size);
  const fromA = splitOf(a, b, offset);
  const merged = [...take(a, fromA, size), ...take(b, offset - fromA, size)].sort(byKey);
  return merged.slice(0, size);
};

/** The A to Z counts of disjoint sorted lists, two ranks per group and list. */
export const groupCounts = (lists: readonly SortedList<Keyed>[]): GroupCount[] =>
  GROUPS.map((letter) => {
    const [from, to] = groupKeyRange(letter);
    return { letter, count: lists.reduce((n, list) => n + list.rank(keyProbe(to)) - list.rank(keyProbe(from)), 0) };
  }).filter((g) => g.count > 0);

/** The A to Z counts of matches in title order, counted one by one (the path for matches already visited). */
export const groupsOfKeys = (matches: readonly Keyed[]): GroupCount[] =>
  GROUPS.map((letter) => {
    const [from, to] = groupKeyRange(letter);
    return {
      letter,
      count: lowerBound(matches.length, (i) => matches[i]!.key < to) - lowerBound(matches.length, (i) => matches[i]!.key < from),
    };
  }).filter((g) => g.count > 0);
