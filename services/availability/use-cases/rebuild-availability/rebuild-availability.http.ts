import type Router from '@koa/router';
import { requireRole, type TokenSettings } from '#platform/auth/tokens';
import { HAL_JSON, halResource } from '#platform/http/hal';
import type { RebuildAvailability } from './rebuild-availability.ts';

/** The role an operator's token needs to drop and rebuild the projection. */
export const OPERATOR_ROLE = 'availability:operate';

/**
 * `POST /availability/rebuild` (operator token): rebuilds from the feeds and answers once the
 * new projection has replaced the old, with its counts and duration; 409 while one runs.
 */
export const rebuildAvailabilityRoute = (router: Router, auth: TokenSettings, rebuild: RebuildAvailability) =>
  router.post('/rebuild', requireRole(auth, OPERATOR_ROLE), async (ctx) => {
    const result = await rebuild();
    ctx.set('Cache-Control', 'no-store');
    ctx.type = HAL_JSON;
    ctx.body = halResource({ ...result }, '/availability/rebuild', { status: '/availability/status' });
  });
