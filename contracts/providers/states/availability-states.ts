import { eventually } from '#platform/testing/eventually';
import { catalogueStates } from './catalogue-states.ts';
import { guidanceStates } from './guidance-states.ts';
import { licencingStates } from './licencing-states.ts';
import type { Services, StateParams } from './state-types.ts';

/**
 * Availability has no commands of its own: its state is whatever the domain services' events
 * made it. So its provider states issue the editors' commands to catalogue, guidance and
 * licencing, and wait until the aggregator has projected the outcome.
 */
export const availabilityStates = (services: Services, baseUrl: () => string) => {
  const catalogue = catalogueStates(services);
  const guidance = guidanceStates(services);
  const licencing = licencingStates(services);

  return {
    handlers: {
      'an episode is available on a platform': async (params: StateParams) => {
        const episodeId = Number(params?.episodeId);
        const platform = String(params?.platform);
        await catalogue.ensureEpisode(params);
        await guidance.ensureGuidance({ episodeId });
        await licencing.ensureLicence({ episodeId, platform });
        await eventually(
          async () => {
            const response = await fetch(`${baseUrl()}/availability/episodes/${episodeId}?platform=${platform}`);
            return response.ok && ((await response.json()) as { available?: boolean; restricted?: boolean }).restricted === true;
          },
          { description: `episode ${episodeId} projected as available on ${platform}` },
        );
        return undefined;
      },
    },
  };
};
