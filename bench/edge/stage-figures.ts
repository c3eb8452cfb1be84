/**
 * The invalidator's per-stage histogram (`vod_edge_stage_seconds`) read back from its
 * `/metrics`: the p50 and p99 of each stage, as the upper bound of the bucket that holds them.
 */
export const stageQuantiles = (metrics: string): { stage: string; count: number; p50: number; p99: number }[] => {
  const buckets = new Map<string, { le: number; count: number }[]>();
  for (const match of metrics.matchAll(/^vod_edge_stage_seconds_bucket\{le="([^"]+)",stage="([^"]+)"\} (\d+)/gm)) {
    const [, le, stage, count] = match;
    buckets.set(stage!, [...(buckets.get(stage!) ?? []), { le: le === '+Inf' ? Infinity : Number(le), count: Number(count) }]);
  }
  return [...buckets].map(([stage, rows]) => {
    const sorted = rows.sort((a, b) => a.le - b.le);
    const total = sorted.at(-1)?.count ?? 0;
    const at = (q: number) => sorted.find((row) => row.count >= q * total)?.le ?? Number.NaN;
    return { stage, count: total, p50: at(0.5) * 1000, p99: at(0.99) * 1000 };
  });
};
