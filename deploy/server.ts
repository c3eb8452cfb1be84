import type { RequestListener, Server } from 'node:http';
import type { Logger } from 'pino';
import { createHttpApp } from '#platform/http/app';
import { createHealthRouter, type ReadinessChecks } from '#platform/http/health';
import { mountRouter } from '#platform/http/mount';
import type { Metrics } from '#platform/metrics/metrics';
import { createMetricsRouter } from '#platform/metrics/metrics-router';
import { mountComponents, type Component } from './component.ts';
import { drainHttpServer, trackHttpConnections } from './drain-http-server.ts';
import { usePageNav, type NavLink } from '#platform/http/page-nav';
import { warmUp, type WarmRequest } from './warm-up.ts';

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  /** Readiness false, stop taking connections, finish in-flight requests, stop components, close. */
  shutdown(): Promise<void>;
  /** True once shutdown began: work cut short by it (a demo load) is not a start-up failure. */
  draining(): boolean;
}

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  /** Everything, drain included, must be over within this (default 10 s): the drain gives up in time for the rest. */
  readonly graceMs?: number;
  /**
   * How long a stopping server keeps accepting connections after readiness turned false (default
   * PRE_STOP_MS), so that what a balancer or client sent before it saw the 503 is answered.
   */
  readonly preStopMs?: number;
  /** The process's metrics: served at GET /metrics and fed with every request's duration. */
  readonly metrics?: Metrics;
  /** Told where the server listens and handed the app's request listener (the embedded gateway calls services through it, with no socket). */
  readonly onListening?: (url: string, listener: RequestListener) => void;
  /** Runs after the components stopped: closes the bus (consumers finish in-flight messages) and stores. */
  readonly onStop?: () => Promise<void>;
  /** Run requests in the async trace scope (see createHttpApp); composePlatform says when. */
  readonly asyncTraceScope?: boolean;
  /**
   * Requests the process sends itself once every other readiness check passes; readiness stays
   * 503 (check `warm-up`) until they were answered, so the first clients meet warm code paths.
   */
  readonly warmUp?: readonly WarmRequest[];
  /** The header of the HTML pages: the parts of the platform a browser reaches from this process (composePlatform says which). */
  readonly pageNav?: readonly NavLink[];
}

/**
 * Readiness false and the listener still open, at the start of a stop: connections a balancer
 * routed here before its last readiness probe (or a client opened meanwhile) are accepted and
 * answered instead of left in the kernel's accept queue, which Linux resets when the listener
 * closes. Answers keep their connections open meanwhile: a `Connection: close` then made every
 * client reconnect after each answer, and the close reset the new connections it found queued
 * (graceful-shutdown.test.ts: 11 resets). Part of the 10 s stop.
 */
export const PRE_STOP_MS = 1_000;
/** What the shutdown keeps back from the HTTP drain for stopping components and closing. */
const STOP_RESERVE_MS = 3_000;
/** Longer than the gateway's default deadline, so hops of requests being finished find their pooled connection. */
const IDLE_GRACE_MS = 2_000;

/**
 * Serves components on one koa app with the health and metrics endpoints, starts them, and on
 * `shutdown()` (which handleStopSignals calls on SIGTERM/SIGINT) drains in this order: readiness
 * turns false while connections are still accepted for `preStopMs`, then the listener closes (new
 * connections are refused, so a balancer moves on), requests in flight finish and their
 * connections close, components stop (gateway pools, relays, catch-up), then `onStop` stops
 * consuming once in-flight messages are handled and closes connections.
 */
export const serveComponents = async (components: readonly Component[], options: ServeOptions): Promise<RunningServer> => {
  const { logger, graceMs = 10_000, preStopMs = PRE_STOP_MS, metrics } = options;
  let draining = false;
  /** Answers say `Connection: close` only once the listener closed: during the pre-stop, clients keep their connections (reconnecting then would queue new ones for the close to reset). */
  let closing = false;
  const observe = metrics
    ? ({ method, route, status, seconds }: { method: string; route: string; status: number; seconds: number }) =>
        metrics.httpDuration.observe({ method, route, status: String(status) }, seconds)
    : undefined;
  const app = createHttpApp({
    logger,
    draining: () => closing,
    asyncTraceScope: options.asyncTraceScope ?? false,
    ...(observe ? { observe } : {}),
  });
  const checks: ReadinessChecks = Object.assign({}, ...components.map((c) => c.readiness));
  let warmed = !options.warmUp?.length;
  mountRouter(
    app,
    createHealthRouter({ ...checks, ...(warmed ? {} : { 'warm-up': async () => ({ ok: warmed }) }) }, () => draining),
  );
  if (metrics) mountRouter(app, createMetricsRouter(metrics));
  if (options.pageNav) usePageNav(app, options.pageNav);
  mountComponents(app, components);
  const server = app.listen(options.port, options.host);
  trackHttpConnections(server);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  const handle = app.callback();
  // koa's handler answers its own errors; its promise is settled, never left to reject.
  options.onListening?.(url, (req, res) => void handle(req, res));
  for (const component of components) await component.start();
  if (!warmed)
    void warmUpWhenReady(
      checks,
      () => draining,
      async () => {
        const started = Date.now();
        await warmUp(url, options.warmUp ?? [], logger);
        warmed = true;
        logger.info(
          { ms: Date.now() - started, requests: options.warmUp?.length, sinceStartMs: Math.round(performance.now()) },
          'warmed up: ready',
        );
      },
    );

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      draining = true;
      const started = Date.now();
      logger.info(
        { preStopMs },
        'shutting down: readiness is false; connections accepted a little longer, then none, and requests in flight drained',
      );
      await new Promise((resolve) => setTimeout(resolve, preStopMs));
      // Closed right after a poll phase, which accepted every connection then queued: what the kernel
      // still holds at the close (and resets) is only what arrived within this one turn.
      await new Promise((resolve) => setImmediate(resolve));
      closing = true;
      const drained = await drainHttpServer(server, {
        timeoutMs: Math.max(500, graceMs - STOP_RESERVE_MS - preStopMs),
        idleGraceMs: IDLE_GRACE_MS,
      });
      if (!drained) logger.warn('requests still in flight at the drain deadline were cut');
      for (const component of [...components].reverse())
        await component.stop().catch((err: unknown) => logger.error({ err, component: component.name }, 'stop failed'));
      await options.onStop?.();
      logger.info({ ms: Date.now() - started, drained }, 'stopped');
    })());

  return { server, url, shutdown, draining: () => draining };
};

/** Runs `warm` once every check passes (polled), unless the process starts draining first. */
const warmUpWhenReady = async (checks: ReadinessChecks, draining: () => boolean, warm: () => Promise<void>) => {
  const allOk = async () =>
    (
      await Promise.all(
        Object.values(checks).map((check) =>
          check().then(
            (r) => r.ok,
            () => false,
          ),
        ),
      )
    ).every(Boolean);
  while (!draining() && !(await allOk())) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!draining()) await warm();
};
