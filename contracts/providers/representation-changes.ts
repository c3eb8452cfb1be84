import type { EventEnvelope } from '#platform/messaging/event-envelope';

/** A copy of `object` with `from` renamed to `to`: the smallest breaking change a provider can make. */
export const renameField = (object: Record<string, unknown>, from: string, to: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key === from ? to : key, value]));

/** Guidance's episode resource with `restricted` renamed `isRestricted`, a refactor that looks harmless. */
export const guidanceRenamesRestricted = (path: string, body: Record<string, unknown>) =>
  /^\/guidance\/episodes\/\d+$/.test(path) ? renameField(body, 'restricted', 'isRestricted') : body;

/** Catalogue events whose data calls `channel` `channelName`. */
export const catalogueRenamesChannel = (event: EventEnvelope) => ({
  ...event,
  data: renameField(event.data as Record<string, unknown>, 'channel', 'channelName'),
});
