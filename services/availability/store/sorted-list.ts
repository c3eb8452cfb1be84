/** Chunks split beyond this size: a splice moves at most this many items, never the whole list. */
const MAX_CHUNK = 512;

/** Binary search: the first index in `0..length` where `before(i)` is false. */
export const lowerBound = (length: number, before: (i: number) => boolean): number => {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * A sorted list kept in chunks of at most 512 items, so that one insert or removal costs a
 * binary search and a short splice instead of moving a 100,000-item array: the embedded
 * store's indexes are patched event by event, never rebuilt after a batch. `compare` must be a
 * total order; items comparing equal are the same entry for `remove`.
 */
export class SortedList<T> {
  #chunks: T[][] = [];
  #size = 0;

  /**
   * `newChunk` makes each chunk's array. A list of numbers passes a factory of its own (`() => []`
   * written apart from other lists): V8 tracks per array literal what kinds of elements its
   * arrays came to hold and may start new ones as generic (boxing) arrays; a literal of its own
   * cannot learn that from lists of objects. (Checked with %DebugPrint: the chunks are
   * PACKED_DOUBLE_ELEMENTS.)
   */
  constructor(
    private readonly compare: (a: T, b: T) => number,
    private readonly newChunk: () => T[] = () => [],
  ) {}

  get size(): number {
    return this.#size;
  }

  /** The chunk that holds, or would hold, `item`: the first whose last item is not before it. */
  #chunkFor(item: T): number {
    const chunks = this.#chunks;
    const at = lowerBound(chunks.length, (i) => this.compare(chunks[i]!.at(-1)!, item) < 0);
    return Math.min(at, chunks.length - 1);
  }

  insert(item: T): void {
    this.#size += 1;
    if (this.#chunks.length === 0) {
      const chunk = this.newChunk();
      chunk.push(item);
      this.#chunks.push(chunk);
      return;
    }
    const c = this.#chunkFor(item);
    const chunk = this.#chunks[c]!;
    chunk.splice(
      lowerBound(chunk.length, (i) => this.compare(chunk[i]!, item) < 0),
      0,
      item,
    );
    if (chunk.length > MAX_CHUNK) this.#chunks.splice(c + 1, 0, chunk.splice(chunk.length >>> 1));
  }

  /** Removes the entry comparing equal to `item`; false when there is none. */
  remove(item: T): boolean {
    if (this.#chunks.length === 0) return false;
    const c = this.#chunkFor(item);
    const chunk = this.#chunks[c]!;
    const at = lowerBound(chunk.length, (i) => this.compare(chunk[i]!, item) < 0);
    if (at >= chunk.length || this.compare(chunk[at]!, item) !== 0) return false;
    chunk.splice(at, 1);
    if (chunk.length === 0) this.#chunks.splice(c, 1);
    this.#size -= 1;
    return true;
  }

  /** How many items sort before `probe`: a count that walks chunk lengths, not items. */
  rank(probe: T): number {
    let count = 0;
    for (const chunk of this.#chunks) {
      if (this.compare(chunk.at(-1)!, probe) < 0) count += chunk.length;
      else return count + lowerBound(chunk.length, (i) => this.compare(chunk[i]!, probe) < 0);
    }
    return count;
  }

  /** The first item, if any. */
  first(): T | undefined {
    return this.#chunks[0]?.[0];
  }

  /**
   * Visits items in order from the one at `rank` (0-based), until `visit` returns false: a page
   * at any depth costs a walk over chunk lengths, then only the items it shows.
   */
  walkFrom(rank: number, visit: (item: T) => boolean): void {
    const chunks = this.#chunks;
    let c = 0;
    let i = rank;
    while (c < chunks.length && i >= chunks[c]!.length) i -= chunks[c++]!.length;
    for (; c < chunks.length; c += 1, i = 0) {
      const chunk = chunks[c]!;
      for (; i < chunk.length; i += 1) if (!visit(chunk[i]!)) return;
    }
  }

  /** The item at `rank` (0-based), if there is one. */
  at(rank: number): T | undefined {
    let found: T | undefined;
    this.walkFrom(rank, (item) => ((found = item), false));
    return found;
  }

  /**
   * Visits items in order, from the first not before `probe` (or the start), until `visit`
   * returns false. Callers bound their own walks.
   */
  walk(visit: (item: T) => boolean, probe?: T): void {
    const chunks = this.#chunks;
    let c = probe === undefined || chunks.length === 0 ? 0 : this.#chunkFor(probe);
    let i = probe === undefined || chunks.length === 0 ? 0 : lowerBound(chunks[c]!.length, (k) => this.compare(chunks[c]![k]!, probe) < 0);
    for (; c < chunks.length; c += 1, i = 0) {
      const chunk = chunks[c]!;
      for (; i < chunk.length; i += 1) if (!visit(chunk[i]!)) return;
    }
  }
}
