import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Verifier, type MessageProviders } from '@pact-foundation/pact';
import { LOG_DIR, readPacts, type PactDocument } from '../../support/pact-files.ts';
import { interactionRows, type VerificationRow } from './verification-rows.ts';

/** A provider state handler: issues commands, may return values for the request. */
type StateHandler = (params?: Record<string, unknown>) => Promise<unknown>;

export interface VerifyProviderOptions {
  readonly provider: string;
  readonly baseUrl: string;
  readonly stateHandlers: Record<string, StateHandler>;
  readonly messageProviders?: MessageProviders;
}

const statesWithoutHandler = (pacts: readonly PactDocument[], handlers: Record<string, StateHandler>) =>
  new Set(
    pacts
      .flatMap((p) => p.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name)))
      .filter((name) => !Object.hasOwn(handlers, name)),
  );

/**
 * Verifies every pact in contracts/pacts that names `provider` against the running service,
 * HTTP and message interactions alike, and answers one row per interaction. A state no handler
 * knows is a failure of its own (Pact would only warn and verify against an unprepared
 * service). Pact's native log goes to contracts/logs/<provider>.log.
 */
export const verifyProvider = async ({
  provider,
  baseUrl,
  stateHandlers,
  messageProviders,
}: VerifyProviderOptions): Promise<VerificationRow[]> => {
  const pacts = readPacts(provider);
  if (pacts.length === 0) return [];
  mkdirSync(LOG_DIR, { recursive: true });
  const verifier = new Verifier({
    provider,
    providerBaseUrl: baseUrl,
    pactUrls: pacts.map((p) => p.file),
    stateHandlers: stateHandlers as never,
    messageProviders,
    logLevel: 'warn',
    logFile: join(LOG_DIR, `${provider}.log`),
  });
  let report: string;
  try {
    report = await verifier.verifyProvider();
  } catch (error) {
    report = (error as Error).message;
  }
  return interactionRows(pacts, report, statesWithoutHandler(pacts, stateHandlers));
};
