import Router from '@koa/router';

/** One readiness check: `ok` false makes `/health/ready` answer 503. */
export interface ReadinessCheck {
  readonly ok: boolean;
  readonly [detail: string]: unknown;
}

export type ReadinessChecks = Record<string, () => Promise<ReadinessCheck>>;

/**
 * `GET /health/live` says the process runs; `GET /health/ready` runs every check (database,
 * bus, outbox backlog, projection lag ...) and answers 503 while any is not ok, or while the
 * process is draining for shutdown.
 */
export const createHealthRouter = (checks: ReadinessChecks, draining: () => boolean = () => false): Router => {
  const router = new Router({ prefix: '/health' });
  router.get('/live', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', async (ctx) => {
    const results = Object.fromEntries(
      await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            return [name, await check()] as const;
          } catch (error) {
            return [name, { ok: false, error: error instanceof Error ? error.message : String(error) }] as const;
          }
        }),
      ),
    );
    const ready = !draining() && Object.values(results).every((r) => r.ok);
    ctx.set('Cache-Control', 'no-store');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : draining() ? 'draining' : 'unavailable', checks: results };
  });
  return router;
};
