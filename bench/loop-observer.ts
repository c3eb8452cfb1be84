import { PerformanceObserver, constants, monitorEventLoopDelay } from 'node:perf_hooks';

/** What a server under test saw of its own event loop over a window (`observeLoop`). */
export interface LoopObservation {
  /** How late a 1 ms timer fired: the time the loop was held (by work or by a GC pause), in ms. */
  readonly delayP50Ms: number;
  readonly delayP99Ms: number;
  readonly delayMaxMs: number;
  /** Every GC pause of the main thread (V8's `gc` performance entries), summed and its longest, by kind. */
  readonly gc: Record<string, { readonly count: number; readonly totalMs: number; readonly maxMs: number }>;
  /** CPU time of the process over the window, in ms (every thread, GC helpers included). */
  readonly cpuMs: number;
  readonly wallMs: number;
}

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/**
 * Starts watching this process's event loop: a delay histogram (how long the loop was held
 * between two turns) and every GC pause by kind. The returned function stops and reports; it
 * tells a read tail caused by work on the loop (delay without GC) from one caused by GC.
 */
export const observeLoop = (): (() => LoopObservation) => {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const gc: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = KINDS[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
      const k = (gc[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
      k.count += 1;
      k.totalMs += entry.duration;
      k.maxMs = Math.max(k.maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  histogram.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  return () => {
    histogram.disable();
    observer.disconnect();
    const used = process.cpuUsage(cpu);
    const ms = (ns: number) => ns / 1e6;
    return {
      delayP50Ms: ms(histogram.percentile(50)),
      delayP99Ms: ms(histogram.percentile(99)),
      delayMaxMs: ms(histogram.max),
      gc,
      cpuMs: (used.user + used.system) / 1000,
      wallMs: performance.now() - started,
    };
  };
};
