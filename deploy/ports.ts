import type { ComponentName } from './compose-platform.ts';

/** The port each component listens on in one-per-process mode when PORT is not set. */
export const DEFAULT_PORTS: Record<ComponentName, number> = {
  gateway: 3000,
  catalogue: 3001,
  guidance: 3002,
  licencing: 3003,
  availability: 3004,
  invalidator: 3005,
  desk: 3006,
};
