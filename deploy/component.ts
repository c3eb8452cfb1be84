import type Router from '@koa/router';
import type { ReadinessChecks } from '../platform/http/health.ts';

/** What a composition root needs from a service or the gateway: routes, readiness, lifecycle. */
export interface Component {
  readonly name: string;
  readonly routers: readonly Router[];
  readonly readiness: ReadinessChecks;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}
