import type { EpisodeDocument } from '../domain/episode-projection.ts';

interface Entry {
  readonly titleKey: string;
  readonly buckets: readonly string[];
  readonly words: readonly string[];
}

interface WordPosting {
  readonly word: string;
  readonly id: number;
}

/** Beyond this many pending changes the index is rebuilt by sorting instead of patched. */
const REBUILD_RATIO = 0.02;

const bucketKey = (platform: string, channel: string | null) => `${platform}\u0000${channel ?? ''}`;
const allChannels = (platform: string) => `${platform}\u0001`;

const bucketsOf = (doc: EpisodeDocument): string[] => {
  if (!doc.published) return [];
  const platforms = new Set(doc.licences.filter((l) => l.active).map((l) => l.platform));
  return [...platforms].flatMap((p) => [bucketKey(p, doc.channel), allChannels(p)]);
};

/** Binary search: the first index in `0..length` where `before(i)` is false. */
const lowerBound = (length: number, before: (i: number) => boolean): number => {
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
 * The embedded store's indexes: per platform (and per platform and channel) the ids of the
 * episodes that may answer, kept in title order; and every folded title word, sorted, for a
 * binary search on a prefix. Changes are recorded and folded in before the next query; a large
 * batch (a rebuild) re-sorts everything at once instead of patching entry by entry.
 */
export const createEpisodeIndex = () => {
  const entries = new Map<number, Entry>();
  const buckets = new Map<string, number[]>();
  let words: WordPosting[] = [];
  const dirty = new Map<number, EpisodeDocument>();

  const compareIds = (a: number, b: number) => {
    const ka = entries.get(a)?.titleKey ?? '';
    const kb = entries.get(b)?.titleKey ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  };
  const idPosition = (list: number[], id: number) => lowerBound(list.length, (i) => compareIds(list[i]!, id) < 0);
  const wordPosition = (word: string, id: number) =>
    lowerBound(words.length, (i) => words[i]!.word < word || (words[i]!.word === word && words[i]!.id < id));

  const remove = (id: number, entry: Entry) => {
    for (const key of entry.buckets) {
      const list = buckets.get(key);
      if (!list) continue;
      const at = idPosition(list, id);
      if (list[at] === id) list.splice(at, 1);
    }
    for (const word of entry.words) {
      const at = wordPosition(word, id);
      if (words[at]?.id === id && words[at]?.word === word) words.splice(at, 1);
    }
  };

  const insert = (id: number, entry: Entry) => {
    for (const key of entry.buckets) {
      const list = buckets.get(key) ?? buckets.set(key, []).get(key)!;
      list.splice(idPosition(list, id), 0, id);
    }
    for (const word of entry.words) words.splice(wordPosition(word, id), 0, { word, id });
  };

  const entryOf = (doc: EpisodeDocument): Entry => ({ titleKey: doc.titleKey, buckets: bucketsOf(doc), words: doc.words });

  const rebuild = () => {
    for (const [id, doc] of dirty) entries.set(id, entryOf(doc));
    buckets.clear();
    words = [];
    for (const [id, entry] of entries) {
      for (const key of entry.buckets) (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(id);
      for (const word of entry.words) words.push({ word, id });
    }
    for (const list of buckets.values()) list.sort(compareIds);
    words.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : a.id - b.id));
  };

  const refresh = () => {
    if (dirty.size === 0) return;
    if (dirty.size > Math.max(64, entries.size * REBUILD_RATIO)) rebuild();
    else {
      for (const [id, doc] of dirty) {
        const old = entries.get(id);
        if (old) remove(id, old);
        const entry = entryOf(doc);
        entries.set(id, entry);
        insert(id, entry);
      }
    }
    dirty.clear();
  };

  return {
    /** Records a changed document; folded in lazily by the next read. */
    changed(doc: EpisodeDocument) {
      dirty.set(doc._id, doc);
    },
    /** Ids that may answer on a platform (and channel), in title order. */
    bucket(platform: string, channel: string | undefined): readonly number[] {
      refresh();
      return buckets.get(channel === undefined ? allChannels(platform) : bucketKey(platform, channel)) ?? [];
    },
    /** Ids of episodes with a title word starting with `prefix` (may repeat an id). */
    wordPrefix(prefix: string): number[] {
      refresh();
      const from = lowerBound(words.length, (i) => words[i]!.word < prefix);
      const ids: number[] = [];
      for (let i = from; i < words.length && words[i]!.word.startsWith(prefix); i += 1) ids.push(words[i]!.id);
      return ids;
    },
    titleKeyOf: (id: number) => entries.get(id)?.titleKey ?? '',
  };
};

export type EpisodeIndex = ReturnType<typeof createEpisodeIndex>;
