import test from 'ava';
import { InvalidEventError } from '#platform/messaging/event-bus';
import { AvailabilityError } from '../domain/availability-error.ts';
import { createInMemoryAvailabilityStore } from '../store/in-memory-availability-store.ts';
import { licenceEvent, licenceId } from '../testing/event-builders.ts';
import { createProjector } from './projector.ts';

const badLicence = () => ({
  ...licenceEvent({
    licenceId: licenceId(1),
    episodeId: 1,
    platform: 'ios',
    startDate: '0026-01-01T00:00:00Z',
    endDate: '2026-02-01T00:00:00Z',
  }),
});

test('a live event whose payload is invalid throws InvalidEventError, so the bus dead-letters it at once', async (t) => {
  const projector = createProjector({ store: createInMemoryAvailabilityStore(), clock: () => new Date('2026-01-01T00:00:00Z') });
  const error = await t.throwsAsync(projector.applyLive([badLicence()]), { instanceOf: InvalidEventError });
  t.regex(error?.message ?? '', /startDate/);
});

test("the same event read from a feed is the feed's fault, invalid-feed", async (t) => {
  const projector = createProjector({ store: createInMemoryAvailabilityStore(), clock: () => new Date('2026-01-01T00:00:00Z') });
  const error = await t.throwsAsync(projector.applyFeedPage([badLicence()]), { instanceOf: AvailabilityError });
  t.is((error as AvailabilityError | undefined)?.code, 'invalid-feed');
});
