import { startTestPlatform } from '../../deploy/testing/start-test-platform.ts';
import { serveToParent } from '../child-server.ts';

/** Input of the gateway under test: the origin serving the four real services. */
export interface GatewayServerInput {
  readonly services: string;
}

/**
 * The gateway as `npm run start:service -- gateway` composes it (its upstreams at `services`,
 * its defaults for timeouts and deadline), in a process of its own, rate limit off.
 */
serveToParent<GatewayServerInput, null>(async ({ services }) => {
  const platform = await startTestPlatform(
    { CATALOGUE_URL: services, GUIDANCE_URL: services, LICENCING_URL: services, AVAILABILITY_URL: services, GATEWAY_RATE_LIMIT: '0' },
    { names: ['gateway'] },
  );
  return { origins: { gateway: platform.url }, report: null };
});
