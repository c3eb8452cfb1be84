import { applyLicence } from '../domain/apply-licence.ts';
import { licenceDataSchema } from '../domain/event-payloads.ts';
import type { EventEnvelope } from '#platform/messaging/event-envelope';
import type { ProjectionWrite } from '../domain/projection-write.ts';

/** Granted, window-amended and revoked all carry the licence's full state, so one handler serves them. */
export const LICENCE_PATTERNS = ['licencing.licence.granted', 'licencing.licence.window-amended', 'licencing.licence.revoked'] as const;

/** Turns a licence event into its projection write; invalid payloads throw. */
export const updateAvailabilityOnLicenceChanged = (event: EventEnvelope): ProjectionWrite =>
  applyLicence(licenceDataSchema.parse(event.data), event.version);
