import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { Pool } from 'undici';
import type { UpstreamOrigins } from '../gateway/upstream/upstreams.ts';

type Json = Record<string, unknown>;

/**
 * The baseline the design warns about: "inner joins over HTTP". For every page it lists episodes
 * from the catalogue, then for every item asks the catalogue, guidance and licencing services
 * (20 items × 3 calls), with no projection and no cache. It is given the same undici keep-alive
 * pools as the real gateway, so the difference measured is the architecture, not the HTTP client.
 */
export const startNaiveGateway = async (origins: UpstreamOrigins) => {
  const pools = {
    catalogue: new Pool(origins.catalogue, { connections: 32 }),
    guidance: new Pool(origins.guidance, { connections: 32 }),
    licencing: new Pool(origins.licencing, { connections: 32 }),
  };
  const get = async (pool: Pool, path: string): Promise<Json | undefined> => {
    const response = await pool.request({ path, method: 'GET' });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return undefined;
    }
    return (await response.body.json()) as Json;
  };
  const app = new Koa();
  // Pages whose work is not over, even if their client has gone: a loader stopping leaves up to
  // one per connection, each still making its 61 calls in this process.
  let inFlight = 0;
  app.use(async (_ctx, next) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  });
  app.use(async (ctx) => {
    const list = (await get(pools.catalogue, '/catalogue/episodes?page=1&size=20')) as { _embedded: { episodes: { episodeId: number }[] } };
    const productions = await Promise.all(
      list._embedded.episodes.map(async ({ episodeId }) => {
        const [episode, guidance, licences] = await Promise.all([
          get(pools.catalogue, `/catalogue/episodes/${episodeId}`),
          get(pools.guidance, `/guidance/episodes/${episodeId}`),
          get(pools.licencing, `/licencing/licences?episode=${episodeId}`),
        ]);
        const window = ((licences?._embedded as { licences: Json[] })?.licences ?? []).find((l) => l.platform === 'ios');
        return {
          ...episode,
          restricted: guidance?.restricted ?? false,
          guidanceMessage: guidance?.message ?? null,
          startDate: window?.startDate,
          endDate: window?.endDate,
        };
      }),
    );
    ctx.type = 'application/json';
    ctx.body = { _embedded: { productions } };
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inFlight: () => inFlight,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(Object.values(pools).map((p) => p.close()));
    },
  };
};
