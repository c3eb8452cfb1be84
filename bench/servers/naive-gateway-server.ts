import { serveToParent } from '../child-server.ts';
import { startNaiveGateway } from '../naive-gateway.ts';

/** Input of the naive baseline: the origin serving the real domain services. */
export interface NaiveGatewayInput {
  readonly services: string;
}

/** The naive per-item gateway (see naive-gateway.ts) in a process of its own, over the real services. */
serveToParent<NaiveGatewayInput, null>(async ({ services }) => {
  const naive = await startNaiveGateway({ availability: services, catalogue: services, guidance: services, licencing: services });
  return { origins: { naive: naive.url }, report: null };
});
