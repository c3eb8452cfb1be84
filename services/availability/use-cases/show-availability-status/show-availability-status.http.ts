import type Router from '@koa/router';
import { HAL_JSON, halResource } from '#platform/http/hal';
import type { ShowAvailabilityStatus } from './show-availability-status.ts';

/** `GET /availability/status`: positions, lag and counts; never cached, it is for operators watching a rebuild. */
export const showAvailabilityStatusRoute = (router: Router, showStatus: ShowAvailabilityStatus, rebuilding: () => unknown) =>
  router.get('/status', async (ctx) => {
    const status = await showStatus();
    ctx.set('Cache-Control', 'no-store');
    ctx.type = HAL_JSON;
    ctx.body = halResource({ ...status, rebuild: rebuilding() }, '/availability/status', {
      rebuild: { href: '/availability/rebuild', title: 'POST with an availability:operate token' },
    });
  });
