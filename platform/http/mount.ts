import type Router from '@koa/router';
import type Koa from 'koa';
import type { Middleware } from 'koa';

/** Whether `path` lies under `prefix`: the prefix itself or a path below it, never `/catalogues`. */
const under = (path: string, prefix: string) =>
  path.startsWith(prefix) && (path.length === prefix.length || path.charCodeAt(prefix.length) === 47); // 47 is '/'

/**
 * Mounts a router with its allowed-methods handling: a known path with an unsupported method
 * answers 405 with `Allow` (the app's problem handler gives it a problem+json body), and
 * OPTIONS answers with the methods a path supports. A router with a prefix is entered only by
 * requests under it: every router mounted on an app otherwise matches every request against
 * each of its routes, and one process serves up to seven of them.
 */
export const mountRouter = (app: Koa, router: Router): void => {
  // The router's own context type adds what its dispatch sets (params): the app's is the plainer one.
  const routes = router.routes() as Middleware;
  const allowed = router.allowedMethods() as Middleware;
  const prefix = router.opts.prefix;
  if (!prefix) {
    app.use(routes);
    app.use(allowed);
    return;
  }
  app.use((ctx, next) => (under(ctx.path, prefix) ? routes(ctx, () => allowed(ctx, next)) : next()));
};
