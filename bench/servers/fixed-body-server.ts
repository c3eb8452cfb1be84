import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { serveToParent } from '../child-server.ts';

/** Input of the bare baseline: the bytes every answer carries, and their media type. */
export interface FixedBodyInput {
  readonly bodyBase64: string;
  readonly contentType: string;
}

/** The baseline: a bare koa app answering every request with the same bytes, nothing else. */
serveToParent<FixedBodyInput, null>(async ({ bodyBase64, contentType }) => {
  const body = Buffer.from(bodyBase64, 'base64');
  const app = new Koa();
  app.use((ctx) => {
    ctx.type = contentType;
    ctx.body = body;
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { origins: { app: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, report: null };
});
