import type { ComponentName } from '../../deploy/compose-platform.ts';
import { availabilityStates } from './states/availability-states.ts';
import { catalogueStates } from './states/catalogue-states.ts';
import { guidanceStates } from './states/guidance-states.ts';
import { licencingStates } from './states/licencing-states.ts';
import type { Services } from './states/state-types.ts';
import { startProviderHost, type RepresentationMapper } from './support/provider-host.ts';
import { publishedMessages, type EventMapper } from './support/published-messages.ts';
import type { VerificationRow } from './support/verification-rows.ts';
import { verifyProvider } from './support/verify-provider.ts';

interface ProviderSetup {
  /** What the host composes: the provider, plus whatever feeds it in the embedded mode. */
  readonly components: readonly ComponentName[];
  readonly states: (services: Services, baseUrl: () => string) => Record<string, (params?: Record<string, unknown>) => Promise<unknown>>;
  /** The event types the provider publishes, verified from the bus. */
  readonly events: readonly string[];
}

/** Every provider in the platform and how to run it for verification. */
export const PROVIDERS: Record<string, ProviderSetup> = {
  catalogue: {
    components: ['catalogue'],
    states: (services) => catalogueStates(services).handlers,
    events: [
      'catalogue.programme.published',
      'catalogue.programme.revised',
      'catalogue.episode.published',
      'catalogue.episode.revised',
      'catalogue.episode.withdrawn',
    ],
  },
  guidance: {
    components: ['guidance'],
    states: (services) => guidanceStates(services).handlers,
    events: ['guidance.episode.guidance-set'],
  },
  licencing: {
    components: ['licencing'],
    states: (services) => licencingStates(services).handlers,
    events: ['licencing.licence.granted', 'licencing.licence.window-amended', 'licencing.licence.revoked'],
  },
  availability: {
    components: ['catalogue', 'guidance', 'licencing', 'availability'],
    states: (services, baseUrl) => availabilityStates(services, baseUrl).handlers,
    events: [],
  },
  // The TV apps' provider: the real gateway over the real services, all in one host process.
  gateway: {
    components: ['catalogue', 'guidance', 'licencing', 'availability', 'gateway'],
    states: (services, baseUrl) => availabilityStates(services, baseUrl).handlers,
    events: [],
  },
};

/** Throwaway changes to a provider's output; production passes none. */
export interface ProviderChanges {
  readonly mapRepresentation?: RepresentationMapper;
  readonly mapEvent?: EventMapper;
}

/**
 * Starts the real provider on the embedded adapters, verifies every pact naming it, stops it,
 * and answers one row per interaction.
 */
export const checkProvider = async (provider: string, changes: ProviderChanges = {}): Promise<VerificationRow[]> => {
  const setup = PROVIDERS[provider];
  if (!setup) throw new Error(`no provider is called ${provider}; known: ${Object.keys(PROVIDERS).join(', ')}`);
  const host = await startProviderHost({ components: setup.components, mapRepresentation: changes.mapRepresentation });
  try {
    return await verifyProvider({
      provider,
      baseUrl: host.url,
      stateHandlers: setup.states(host.services, () => host.url),
      messageProviders: publishedMessages(setup.events, () => host.published, changes.mapEvent),
    });
  } finally {
    await host.stop();
  }
};
