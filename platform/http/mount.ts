import type Router from '@koa/router';
import type Koa from 'koa';

/**
 * Mounts a router with its allowed-methods handling: a known path with an unsupported method
 * answers 405 with `Allow` (the app's problem handler gives it a problem+json body), and
 * OPTIONS answers with the methods a path supports.
 */
export const mountRouter = (app: Koa, router: Router): void => {
  app.use(router.routes());
  app.use(router.allowedMethods());
};
