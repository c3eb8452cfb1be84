import Router from '@koa/router';
import type { Metrics } from './metrics.ts';

/**
 * `GET /metrics` in the Prometheus text format, on every process. Never cached: each scrape
 * reads the observed state (backlogs, lags, circuit states) afresh.
 */
export const createMetricsRouter = (metrics: Metrics): Router => {
  const router = new Router({ prefix: '/metrics' });
  router.get('/', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.render();
  });
  return router;
};
