import type Router from '@koa/router';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import { mountRouter } from '#platform/http/mount';
import type { ReadinessChecks } from '#platform/http/health';
import { combineTemplates, type TemplatesFor } from '#platform/http/hal-forms';
import { halViews } from '#platform/http/hal-views';

/** What a composition root needs from a service or the gateway: routes, readiness, lifecycle. */
export interface Component {
  readonly name: string;
  readonly routers: readonly Router[];
  /** Hot paths answered ahead of every router, such as availability's cached pages; each calls next() for what it does not answer. */
  readonly middleware?: readonly Middleware[];
  /** The HAL-FORMS templates of the commands its resources offer (see platform/http/hal-forms.ts). */
  readonly templates?: TemplatesFor;
  readonly readiness: ReadinessChecks;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/**
 * Mounts components on an app: the HTML and HAL-FORMS views of every HAL resource first (so
 * cached pages get them too), then every component's hot-path middleware, then every router.
 */
export const mountComponents = (app: Koa, components: readonly Component[]): void => {
  app.use(halViews(combineTemplates(components.flatMap((component) => (component.templates ? [component.templates] : [])))));
  for (const component of components) for (const middleware of component.middleware ?? []) app.use(middleware);
  for (const component of components) for (const router of component.routers) mountRouter(app, router);
};
