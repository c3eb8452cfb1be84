import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import { issueToken, type TokenSettings } from '../auth/tokens.ts';
import { createHttpApp } from '../http/app.ts';
import { mountRouter } from '../http/mount.ts';
import { silentLogger } from '../lifecycle/logger.ts';

/** Token settings tests sign and verify with. */
export const testAuth: TokenSettings = { secret: 'test-secret-test-secret-test-secret-0123', issuer: 'vod-test', audience: 'vod-editors' };

/** A bearer header carrying `roles`, signed with `testAuth`. */
export const bearer = async (...roles: string[]): Promise<string> => `Bearer ${await issueToken(testAuth, roles)}`;

/** Serves routers through the real koa app on an ephemeral port; returns its base URL and a closer. */
export const serveRouters = async (routers: readonly Router[]): Promise<{ url: string; close: () => Promise<void> }> => {
  const app = createHttpApp({ logger: silentLogger() });
  for (const router of routers) mountRouter(app, router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
