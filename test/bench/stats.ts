/** Latency figures from a list of samples in milliseconds (nearest-rank percentiles). */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  const sum = list.reduce((a, b) => a + b, 0);
  return {
    count: list.length,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: list.length ? list[list.length - 1]! : NaN,
    mean: list.length ? sum / list.length : NaN,
  };
}

/** Rounds for the JSON: 2 decimals below 10, 1 below 1000, whole numbers above. */
export function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  const abs = Math.abs(n);
  return abs < 10 ? Math.round(n * 100) / 100 : abs < 1000 ? Math.round(n * 10) / 10 : Math.round(n);
}
