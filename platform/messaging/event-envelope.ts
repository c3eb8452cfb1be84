import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * A CloudEvents 1.0 JSON envelope with the two extensions every consumer relies on:
 * `version` (the resource's monotonic version after this change, used to ignore stale or
 * duplicate events) and `position` (the publishing service's log position, used to resume
 * a feed). `editor` says who made the change. `data` carries the resource's full new state (event-carried state transfer).
 */
export interface EventEnvelope<T = unknown> {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly version: number;
  readonly position: number;
  readonly traceparent?: string;
  /** Extension attribute: who made the change, the editor's token subject (`sub`); absent for changes no editor made. */
  readonly editor?: string;
  readonly data: T;
}

/** An event as a use case produces it: the outbox assigns its log position on commit. */
export type NewEvent<T = unknown> = Omit<EventEnvelope<T>, 'position'>;

/** Options a service passes when it builds an envelope for one resource change. */
export interface NewEventInput<T> {
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly version: number;
  readonly data: T;
  readonly time?: Date;
  readonly traceparent?: string;
  readonly editor?: string;
  readonly id?: string;
}

/** Builds an unpositioned envelope; pure apart from the generated id when none is given. */
export const newEvent = <T>(input: NewEventInput<T>): NewEvent<T> => ({
  specversion: '1.0',
  id: input.id ?? randomUUID(),
  source: input.source,
  type: input.type,
  subject: input.subject,
  time: (input.time ?? new Date()).toISOString(),
  datacontenttype: 'application/json',
  version: input.version,
  ...(input.traceparent ? { traceparent: input.traceparent } : {}),
  ...(input.editor ? { editor: input.editor } : {}),
  data: input.data,
});

/**
 * Schema of the envelope as it arrives from a bus or a feed. Consumers validate here, at the
 * edge, before a handler sees the event; `data` is validated by each consumer's own schema.
 */
export const eventEnvelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(200),
  source: z.string().min(1).max(200),
  type: z.string().regex(/^[a-z]+(\.[a-z-]+){2}$/),
  subject: z.string().min(1).max(500),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  version: z.number().int().positive(),
  position: z.number().int().positive(),
  traceparent: z.string().max(100).optional(),
  editor: z.string().max(200).optional(),
  data: z.unknown(),
});
