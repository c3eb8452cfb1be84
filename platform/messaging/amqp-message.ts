import type { Message, Options } from 'amqplib';
import { eventEnvelopeSchema, type EventEnvelope } from './event-envelope.ts';

/** The content type every event is published with (a structured-mode CloudEvent). */
export const CLOUDEVENTS_JSON = 'application/cloudevents+json';

/** Headers the retry and dead-letter chain adds; documented in docs/messaging.md. */
export const headers = {
  retries: 'x-retries',
  originalRoutingKey: 'x-original-routing-key',
  lastError: 'x-last-error',
  consumer: 'x-consumer',
} as const;

/** Encodes an event for the exchange: persistent, `messageId` = event id, routing key = type. */
export const toAmqpMessage = (event: EventEnvelope): { content: Buffer; options: Options.Publish } => ({
  content: Buffer.from(JSON.stringify(event)),
  options: {
    persistent: true,
    mandatory: true,
    messageId: event.id,
    type: event.type,
    contentType: CLOUDEVENTS_JSON,
    timestamp: Math.floor(Date.parse(event.time) / 1000),
    appId: event.source,
  },
});

/** What a delivery turned out to be: a valid event, or the reason it never can be one. */
export type Decoded = { readonly ok: true; readonly event: EventEnvelope } | { readonly ok: false; readonly reason: string };

/**
 * Parses and validates a delivery at the edge, before any handler sees it. A message that
 * fails here will fail the same way on every retry, so it is dead-lettered at once.
 */
export const decodeEvent = (message: Message): Decoded => {
  let body: unknown;
  try {
    body = JSON.parse(message.content.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const parsed = eventEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, reason: `invalid event envelope: ${issues.join('; ')}` };
  }
  return { ok: true, event: parsed.data as EventEnvelope };
};

/** The routing key the message was first published with, wherever it has travelled since. */
export const originalRoutingKey = (message: Message): string => {
  const own = message.properties.headers?.[headers.originalRoutingKey];
  if (typeof own === 'string') return own;
  const deaths = message.properties.headers?.['x-death'] as { 'routing-keys'?: string[] }[] | undefined;
  const first = deaths?.at(-1)?.['routing-keys']?.[0];
  return first ?? message.fields.routingKey;
};

/** Copies a delivery's properties for republishing it elsewhere with extra headers. */
export const republishOptions = (message: Message, extraHeaders: Record<string, unknown>, expiration?: number): Options.Publish => {
  const { properties } = message;
  return {
    persistent: true,
    mandatory: true,
    ...(properties.messageId ? { messageId: String(properties.messageId) } : {}),
    ...(properties.type ? { type: String(properties.type) } : {}),
    ...(properties.contentType ? { contentType: String(properties.contentType) } : {}),
    ...(properties.timestamp ? { timestamp: Number(properties.timestamp) } : {}),
    ...(properties.appId ? { appId: String(properties.appId) } : {}),
    ...(expiration !== undefined ? { expiration: String(expiration) } : {}),
    headers: { ...stripDeath(properties.headers), [headers.originalRoutingKey]: originalRoutingKey(message), ...extraHeaders },
  };
};

const stripDeath = (h: Record<string, unknown> | undefined): Record<string, unknown> => {
  if (!h) return {};
  const { 'x-death': _death, 'x-first-death-exchange': _e, 'x-first-death-queue': _q, 'x-first-death-reason': _r, ...rest } = h;
  return rest;
};
