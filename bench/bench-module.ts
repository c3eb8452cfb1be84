/** One figure a benchmark reports: the median over its rounds. */
export interface BenchRow {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

/** A benchmark `bench/run.ts` can run: a name (to run it alone) and its figures. */
export interface BenchModule {
  readonly name: string;
  run(): Promise<BenchRow[]>;
}

/** The median of some samples (the figure benchmarks report, robust to one noisy round). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The `p`-th percentile (0-100) by nearest rank. */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};
