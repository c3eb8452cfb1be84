import { readFileSync } from 'node:fs';

/** The machine's CPU time counters (Linux `/proc/stat`, in ticks), or undefined elsewhere. */
const cpuTicks = (): number[] | undefined => {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    return line.trim().split(/\s+/).slice(1, 9).map(Number);
  } catch {
    return undefined;
  }
};

/**
 * Starts watching how much CPU time the hypervisor took from this virtual machine ("steal"):
 * the returned function gives the share of all CPU time stolen since, in percent (undefined
 * where `/proc/stat` is not there). On a shared cloud machine this is why the same run is
 * slower at one hour than another; benchmarks print it beside their figures.
 */
export const watchCpuSteal = (): (() => number | undefined) => {
  const before = cpuTicks();
  return () => {
    const after = cpuTicks();
    if (!before || !after) return undefined;
    const delta = after.map((value, i) => value - before[i]!);
    const total = delta.reduce((sum, value) => sum + value, 0);
    return total > 0 ? (delta[7]! / total) * 100 : undefined;
  };
};
