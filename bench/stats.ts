/** Latency summary of a series of timings, in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentiles (p50, p95) and maximum, rounded to 0.1 ms. */
export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), max: round(sorted.at(-1) ?? NaN) };
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}
