import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createHttpApp } from '../platform/http/app.ts';
import { createHealthRouter } from '../platform/http/health.ts';
import { mountRouter } from '../platform/http/mount.ts';
import type { Component } from './component.ts';

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  /** Readiness false, stop consuming and relaying, finish in-flight requests, close. */
  shutdown(): Promise<void>;
}

/**
 * Serves components on one koa app with the health endpoints, starts them, and installs
 * SIGTERM/SIGINT handlers that drain and exit within `graceMs`.
 */
export const serveComponents = async (components: readonly Component[], options: { port: number; host: string; logger: Logger; graceMs?: number; onListening?: (url: string) => void; onStop?: () => Promise<void>; signals?: boolean }): Promise<RunningServer> => {
  const { logger, graceMs = 10_000 } = options;
  let draining = false;
  const app = createHttpApp({ logger });
  const checks = Object.assign({}, ...components.map((c) => c.readiness));
  mountRouter(app, createHealthRouter(checks, () => draining));
  for (const component of components) for (const router of component.routers) mountRouter(app, router);
  const server = app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  options.onListening?.(url);
  for (const component of components) await component.start();

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      draining = true;
      logger.info('shutting down: readiness is false, draining');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const component of [...components].reverse()) await component.stop().catch((err) => logger.error({ err, component: component.name }, 'stop failed'));
      await options.onStop?.();
      await closed;
      logger.info('stopped');
    })());

  for (const signal of options.signals === false ? [] : (['SIGTERM', 'SIGINT'] as const)) {
    process.once(signal, () => {
      const timer = setTimeout(() => {
        logger.error(`did not stop within ${graceMs} ms; exiting`);
        process.exit(1);
      }, graceMs);
      timer.unref();
      shutdown().then(() => process.exit(0));
    });
  }
  return { server, url, shutdown };
};
