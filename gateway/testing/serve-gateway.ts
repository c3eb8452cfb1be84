import { silentLogger } from '#platform/lifecycle/logger';
import { serveRouters } from '#platform/testing/http';
import { createGateway, type GatewayOptions } from '../gateway.ts';
import { createFakeUpstreams } from './fake-upstreams.ts';

/** Fake upstreams, a gateway over them served through the real koa app, and one closer for all. */
export const serveGatewayOverFakes = async (options: Partial<GatewayOptions> & { count?: number; maxAgeSeconds?: number } = {}) => {
  const fakes = await createFakeUpstreams({ count: options.count, maxAgeSeconds: options.maxAgeSeconds });
  const gateway = createGateway({ upstreams: fakes.origins, logger: silentLogger(), rateLimitPerMinute: 0, ...options });
  const served = await serveRouters(gateway.routers);
  return {
    url: served.url,
    fakes,
    gateway,
    close: async () => {
      await served.close();
      await gateway.stop();
      await fakes.close();
    },
  };
};

export type ServedGateway = Awaited<ReturnType<typeof serveGatewayOverFakes>>;

export const V1 = 'application/vnd.itv.ctv.production.v1+hal+json';
export const V1_PARAM = 'application/vnd.itv.ctv.production+hal+json;version=1';
export const V2 = 'application/vnd.itv.ctv.production.v2+hal+json';
