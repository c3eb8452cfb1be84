import { MongoClient, type AnyBulkWriteOperation, type Collection, type Db, type Document } from 'mongodb';
import type { AvailabilityStore, PositionUpdate, StagingStore } from '../domain/availability-store.ts';
import { emptyEpisode, type EpisodeDocument } from '../domain/episode-projection.ts';
import { EPISODE_SORT, episodeFilter, groupsPipeline, nextBoundaryPipeline } from './mongo-episode-query.ts';
import { mongoUpdateOf } from './mongo-projection-writes.ts';
import { GROUPS, type GroupCount } from '../domain/text.ts';
import type { ProjectionWrite } from '../domain/projection-write.ts';
import { SOURCES, initialPosition, type Source, type SourcePosition } from '../domain/sources.ts';

export interface MongoAvailabilityStoreOptions {
  readonly url: string;
  readonly dbName: string;
  /** Collection name prefix; tests use one per run. */
  readonly prefix?: string;
}

type EpisodeRecord = EpisodeDocument & Document;
type PositionRecord = Omit<SourcePosition, 'source'> & { _id: Source };

/**
 * One index per query shape (docs/availability.md, "MongoDB query shapes"): a platform's list in
 * title order, a platform and channel's list in title order (the `$elemMatch` on `licences` bounds
 * the multikey `licences.platform` to one point, and the non-array `titleKey, _id` after it give
 * the sort, so a page reads its offset and its items, not every match), and the title words with
 * the platform for a prefix (a range on `words`, sorted in memory: the matches of a prefix).
 */
const ensureIndexes = async (episodes: Collection<EpisodeRecord>) => {
  await episodes.createIndexes([
    { key: { 'licences.platform': 1, titleKey: 1, _id: 1 }, name: 'platform_title' },
    { key: { 'licences.platform': 1, channelKey: 1, titleKey: 1, _id: 1 }, name: 'platform_channel_title' },
    { key: { words: 1, 'licences.platform': 1 }, name: 'words_platform' },
  ]);
};

/** Upserts the empty document first, so the guarded update that follows never inserts a duplicate. */
const episodeOps = (writes: readonly ProjectionWrite[]): AnyBulkWriteOperation<EpisodeRecord>[] =>
  writes.flatMap((w) => [
    { updateOne: { filter: { _id: w.episodeId }, update: { $setOnInsert: emptyEpisode(w.episodeId) as EpisodeRecord }, upsert: true } },
    { updateOne: mongoUpdateOf(w) },
  ]);

/** The groups pipeline's rows (`_id` the first two characters of `titleKey`) as A to Z counts in list order. */
const groupCountsOf = (rows: readonly { _id: string; count: number }[]): GroupCount[] => {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const letter = row._id.startsWith('1') ? row._id.slice(1).toUpperCase() : '0-9';
    counts.set(letter, (counts.get(letter) ?? 0) + row.count);
  }
  return GROUPS.filter((letter) => counts.has(letter)).map((letter) => ({ letter, count: counts.get(letter)! }));
};

const positionOps = (updates: readonly PositionUpdate[]): AnyBulkWriteOperation<PositionRecord>[] =>
  updates.map((u) => ({
    updateOne: {
      filter: { _id: u.source },
      update: {
        $max: { position: u.position, head: u.position, checkpoint: u.fromFeed ? u.position : 0, lastEventTime: u.time },
        $set: { appliedAt: u.appliedAt },
      },
      upsert: true,
    },
  }));

const storeOn = (db: Db, names: { episodes: string; positions: string }, close: () => Promise<void>): AvailabilityStore => {
  const episodes = db.collection<EpisodeRecord>(names.episodes);
  const positions = db.collection<PositionRecord>(names.positions);
  return {
    async apply(writes, updates = []) {
      if (writes.length > 0) await episodes.bulkWrite(episodeOps(writes), { ordered: true });
      if (updates.length > 0) await positions.bulkWrite(positionOps(updates), { ordered: true });
    },
    async findEpisodes(query) {
      const filter = episodeFilter(query) as Document;
      const [items, total, edges, groups] = await Promise.all([
        episodes
          .find(filter)
          .sort(EPISODE_SORT)
          .skip((query.page - 1) * query.size)
          .limit(query.size)
          .toArray(),
        episodes.countDocuments(filter),
        episodes.aggregate<{ next: Date | null }>(nextBoundaryPipeline(query)).toArray(),
        query.grouped ? episodes.aggregate<{ _id: string; count: number }>(groupsPipeline(query)).toArray() : undefined,
      ]);
      return { items, total, nextBoundary: edges[0]?.next ?? null, ...(groups ? { groups: groupCountsOf(groups) } : {}) };
    },
    async getEpisode(episodeId) {
      return (await episodes.findOne({ _id: episodeId })) ?? undefined;
    },
    async positions() {
      const stored = await positions.find({}).toArray();
      return Object.fromEntries(
        SOURCES.map((source) => {
          const found = stored.find((p) => p._id === source);
          return [source, found ? { ...initialPosition(source), ...found, source } : initialPosition(source)];
        }),
      ) as Record<Source, SourcePosition>;
    },
    async counts() {
      const [row] = await episodes
        .aggregate<{ episodes: number; listedEpisodes: number; licences: number }>([
          { $project: { active: { $size: { $filter: { input: '$licences', cond: '$$this.active' } } }, published: 1 } },
          {
            $group: {
              _id: null,
              episodes: { $sum: 1 },
              licences: { $sum: '$active' },
              listedEpisodes: { $sum: { $cond: [{ $and: ['$published', { $gt: ['$active', 0] }] }, 1, 0] } },
            },
          },
        ])
        .toArray();
      return { episodes: row?.episodes ?? 0, listedEpisodes: row?.listedEpisodes ?? 0, licences: row?.licences ?? 0 };
    },
    async beginRebuild(): Promise<StagingStore> {
      const suffix = `rebuild_${Date.now()}`;
      const staging = { episodes: `${names.episodes}_${suffix}`, positions: `${names.positions}_${suffix}` };
      await ensureIndexes(db.collection<EpisodeRecord>(staging.episodes));
      await db.createCollection(staging.positions);
      const drop = async () => {
        await db
          .collection(staging.episodes)
          .drop()
          .catch(() => false);
        await db
          .collection(staging.positions)
          .drop()
          .catch(() => false);
      };
      return {
        ...storeOn(db, staging, async () => {}),
        async commit() {
          await db.collection(staging.episodes).rename(names.episodes, { dropTarget: true });
          await db.collection(staging.positions).rename(names.positions, { dropTarget: true });
        },
        abort: drop,
      };
    },
    close,
  };
};

/**
 * The distributed mode's projection in MongoDB: indexes for the page query (platform, channel
 * and title order; title words), version-guarded bulk upserts, and a rebuild written into
 * fresh collections that are renamed over the live ones only once complete.
 */
export const createMongoAvailabilityStore = async ({
  url,
  dbName,
  prefix = '',
}: MongoAvailabilityStoreOptions): Promise<AvailabilityStore> => {
  const client = await new MongoClient(url, { serverSelectionTimeoutMS: 3000 }).connect();
  try {
    const db = client.db(dbName);
    const names = { episodes: `${prefix}episodes`, positions: `${prefix}positions` };
    await ensureIndexes(db.collection<EpisodeRecord>(names.episodes));
    return storeOn(db, names, () => client.close());
  } catch (error) {
    // A store that failed to open must not leave its client (and the process) running.
    await client.close();
    throw error;
  }
};
