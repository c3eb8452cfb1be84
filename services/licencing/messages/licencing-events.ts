import { newEvent, type NewEvent } from '#platform/messaging/event-envelope';
import type { Licence, LicenceStatus } from '../domain/licence.ts';

export const LICENCING_SOURCE = '/licencing';
export const LICENCE_GRANTED = 'licencing.licence.granted';
export const LICENCE_WINDOW_AMENDED = 'licencing.licence.window-amended';
export const LICENCE_REVOKED = 'licencing.licence.revoked';

export type LicenceEventType = typeof LICENCE_GRANTED | typeof LICENCE_WINDOW_AMENDED | typeof LICENCE_REVOKED;

/** The payload of every licence event (docs/events.md): the licence's full new state. */
export interface LicenceData {
  readonly licenceId: string;
  readonly episodeId: number;
  readonly platform: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly status: LicenceStatus;
}

export const licencePath = (licenceId: string) => `/licencing/licences/${licenceId}`;

/** The licence as events and representations carry it: everything but the version. */
export const licenceData = ({ licenceId, episodeId, platform, startDate, endDate, status }: Licence): LicenceData => ({
  licenceId,
  episodeId,
  platform,
  startDate,
  endDate,
  status,
});

const licenceEvent =
  (type: LicenceEventType) =>
  (licence: Licence, time: Date, traceparent?: string, editor?: string): NewEvent<LicenceData> =>
    newEvent({
      source: LICENCING_SOURCE,
      type,
      subject: licencePath(licence.licenceId),
      version: licence.version,
      time,
      ...(traceparent ? { traceparent } : {}),
      ...(editor ? { editor } : {}),
      data: licenceData(licence),
    });

/** Written to the outbox when an editor grants a licence. */
export const licenceGranted = licenceEvent(LICENCE_GRANTED);
/** Written to the outbox when an editor moves a licence's window. */
export const licenceWindowAmended = licenceEvent(LICENCE_WINDOW_AMENDED);
/** Written to the outbox when an editor revokes a licence; `data.status` is `revoked`. */
export const licenceRevoked = licenceEvent(LICENCE_REVOKED);
