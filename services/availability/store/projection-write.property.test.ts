import test from 'ava';
import fc from 'fast-check';
import { updateOne } from 'mingo';
import { projectEvent } from '../consumers/project-event.ts';
import { emptyEpisode, type EpisodeDocument } from '../domain/episode-projection.ts';
import { episodeEvent, guidanceEvent, licenceEvent, licenceId } from '../testing/event-builders.ts';
import { mongoUpdateOf } from './mongo-projection-writes.ts';

const event = fc.oneof(
  fc
    .record({ v: fc.integer({ min: 1, max: 4 }), title: fc.constantFrom('Downton Abbey', 'Vera'), withdrawn: fc.boolean() })
    .map(({ v, title, withdrawn }) =>
      episodeEvent({ episodeId: 1, programmeTitle: title, title: `Episode ${v}`, status: withdrawn ? 'withdrawn' : 'published' }, v),
    ),
  fc
    .record({ v: fc.integer({ min: 1, max: 4 }), restricted: fc.boolean() })
    .map(({ v, restricted }) => guidanceEvent(1, restricted, restricted ? 'Strong language' : null, v)),
  fc
    .record({
      v: fc.integer({ min: 1, max: 4 }),
      n: fc.integer({ min: 1, max: 3 }),
      day: fc.integer({ min: 1, max: 20 }),
      revoked: fc.boolean(),
      platform: fc.constantFrom('ios', 'web'),
    })
    .map(({ v, n, day, revoked, platform }) =>
      licenceEvent(
        {
          licenceId: licenceId(n),
          episodeId: 1,
          platform,
          status: revoked ? 'revoked' : 'active',
          startDate: `2026-01-${String(day).padStart(2, '0')}T00:00:00Z`,
          endDate: `2026-02-${String(day).padStart(2, '0')}T00:00:00Z`,
        },
        v,
      ),
    ),
);

/** Runs the MongoDB adapter's filter and update document of a write with mingo, as a MongoDB server would. */
const byUpdateDocument = (doc: EpisodeDocument, write: NonNullable<ReturnType<typeof projectEvent>['write']>): EpisodeDocument => {
  const working = [structuredClone(doc) as unknown as Record<string, unknown>];
  const { filter, update } = mongoUpdateOf(write);
  updateOne(working, filter, update as never);
  return working[0] as unknown as EpisodeDocument;
};

test("the MongoDB adapter's update document of every write changes a document exactly as the domain's decision does", (t) => {
  fc.assert(
    fc.property(fc.array(event, { minLength: 1, maxLength: 12 }), (events) => {
      let viaUpdate = emptyEpisode(1);
      let viaFunction = emptyEpisode(1);
      for (const e of events) {
        const { write } = projectEvent(e);
        viaUpdate = byUpdateDocument(viaUpdate, write!);
        viaFunction = write!.applyTo(viaFunction) ?? viaFunction;
        t.deepEqual(viaFunction, viaUpdate);
      }
    }),
    { numRuns: 500 },
  );
});
