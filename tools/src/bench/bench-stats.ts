/** Summary of a sample of durations in milliseconds. */
export interface DurationStats {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
}

/** Mean and nearest-rank percentiles of `samples` (ms). Throws on an empty sample. */
export function durationStats(samples: readonly number[]): DurationStats {
  if (samples.length === 0) throw new Error('durationStats needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
  return {
    count: sorted.length,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    p50: rank(50),
    p95: rank(95),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** `12.3` with `digits` decimals, for the printed tables. */
export function ms(value: number, digits = 1): string {
  return value.toFixed(digits);
}
