/** Maps values in [min, max] onto pixel rows [top, bottom] (larger values higher up). */
export interface ValueScale {
  readonly min: number;
  readonly max: number;
  readonly top: number;
  readonly bottom: number;
}

export function scaleY(scale: ValueScale, value: number): number {
  const span = scale.max - scale.min || 1;
  return scale.bottom - ((value - scale.min) / span) * (scale.bottom - scale.top);
}

/** [min, max] of the defined values, widened by `padding` of the span on each side; [0, 1] when there are none. */
export function valueRange(values: Iterable<number | undefined>, padding: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value === undefined || !Number.isFinite(value)) continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (min === Infinity) return [0, 1];
  const span = max - min || Math.abs(max) || 1;
  return [min - span * padding, max + span * padding];
}

/**
 * "Nice" tick values (1, 2 or 5 times a power of ten) inside [min, max], about `target` of them.
 * Powers of ten are built by multiplication only, so every platform picks the same ticks.
 */
export function niceTicks(min: number, max: number, target: number): { ticks: number[]; step: number } {
  const rough = (max - min) / Math.max(1, target);
  let magnitude = 1e-6;
  while (magnitude * 10 <= rough) magnitude *= 10;
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? magnitude * 10;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max; tick += step) ticks.push(tick);
  return { ticks, step };
}

/** An axis label with as many decimals as `step` needs: `41250`, `0.35`; `compact` gives `12.5K`, `3.1M`. */
export function formatValue(value: number, step: number, compact = false): string {
  const abs = Math.abs(value);
  if (compact && abs >= 1e6 && step >= 1e4) return `${(value / 1e6).toFixed(1)}M`;
  if (compact && abs >= 1e4 && step >= 100) return `${(value / 1e3).toFixed(1)}K`;
  let decimals = 0;
  for (let s = step; s < 1 && decimals < 6; s *= 10) decimals += 1;
  const text = value.toFixed(decimals);
  return text === '-0' ? '0' : text;
}
