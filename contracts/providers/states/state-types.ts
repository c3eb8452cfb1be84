import type { ProviderHost } from '../support/provider-host.ts';

/** The services a provider host composed, for state handlers to issue commands to. */
export type Services = ProviderHost['services'];

/** A provider state's parameters as the pact gives them (JSON). */
export type StateParams = Record<string, unknown> | undefined;

/** Takes a required service out of the host, failing loudly when the host was built without it. */
export const required = <T>(service: T | undefined, name: string): T => {
  if (!service) throw new Error(`the provider host runs no ${name} service`);
  return service;
};

/** Ids for resources a state creates afresh each time, far from the ids pacts name. */
export const freshIds = (start: number) => {
  let next = start;
  return () => next++;
};

const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A licence window open around now (whole seconds, as editors send them), so availability says "available". */
export const openWindow = (now = Date.now()) => ({ startDate: instant(now - 86_400_000), endDate: instant(now + 30 * 86_400_000) });
