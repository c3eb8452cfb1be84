import test from 'ava';
import { availabilityStoreContract } from './availability-store.contract.ts';
import { createProjector } from '../consumers/projector.ts';
import { episodeEvent, licenceEvent, licenceId } from '../testing/event-builders.ts';
import { createInMemoryAvailabilityStore } from './in-memory-availability-store.ts';

// Twice: with "now" at the instant the contract asks about (answered from the live lists), and
// with the system clock, months away (answered by testing candidates' windows at that instant).
availabilityStoreContract(test, 'in-memory store', async ({ clock }) => createInMemoryAvailabilityStore({ clock }));
availabilityStoreContract(test, 'in-memory store at another instant', async () => createInMemoryAvailabilityStore());

test('committing a large rebuild indexes it in turns of the event loop, so queries of the same process go on meanwhile', async (t) => {
  const store = createInMemoryAvailabilityStore();
  const staging = await store.beginRebuild();
  const window = { startDate: '2026-02-01T00:00:00Z', endDate: '2099-04-01T00:00:00Z' };
  const events = Array.from({ length: 2_000 }, (_, i) => [
    episodeEvent({ episodeId: i + 1, programmeTitle: `Programme ${i}` }, 1, 2 * i + 1),
    licenceEvent({ licenceId: licenceId(i + 1), episodeId: i + 1, ...window }, 1, 2 * i + 2),
  ]).flat();
  await createProjector({ store: staging, clock: () => new Date() }).applyFeedPage(events);
  // Stands for the queries: a callback the event loop runs whenever the commit lets it.
  let ticks = 0;
  let committed = false;
  const tick = () => {
    ticks += 1;
    if (!committed) setImmediate(tick);
  };
  setImmediate(tick);
  await staging.commit();
  committed = true;
  t.true(ticks > 1, `the loop turned ${ticks} times while 2,000 episodes were indexed`);
  t.is((await store.findEpisodes({ platform: 'ios', at: new Date(), page: 1, size: 1 })).total, 2_000);
  await store.close();
});
