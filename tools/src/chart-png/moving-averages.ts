/** A value per bar; undefined where an indicator has not warmed up yet. */
export type Series = readonly (number | undefined)[];

/** Simple moving average. */
export function sma(values: Series, period: number): Series {
  return values.map((_, i) => {
    if (i + 1 < period) return undefined;
    const window = values.slice(i + 1 - period, i + 1);
    if (window.some((v) => v === undefined)) return undefined;
    return (window as number[]).reduce((sum, v) => sum + v, 0) / period;
  });
}

/** Exponential moving average, seeded with the first defined value. */
export function ema(values: Series, period: number): Series {
  const k = 2 / (period + 1);
  let previous: number | undefined;
  return values.map((value) => {
    if (value === undefined) return previous;
    previous = previous === undefined ? value : value * k + previous * (1 - k);
    return previous;
  });
}

/** Bollinger Bands: SMA(period) and `multiplier` standard deviations either side. */
export function bollingerBands(closes: Series, period: number, multiplier: number): { upper: Series; middle: Series; lower: Series } {
  const middle = sma(closes, period);
  const deviation = closes.map((_, i) => {
    const mean = middle[i];
    if (mean === undefined) return undefined;
    const window = closes.slice(i + 1 - period, i + 1) as number[];
    return Math.sqrt(window.reduce((sum, v) => sum + (v - mean) ** 2, 0) / period);
  });
  return {
    upper: middle.map((m, i) => (m === undefined ? undefined : m + multiplier * (deviation[i] ?? 0))),
    middle,
    lower: middle.map((m, i) => (m === undefined ? undefined : m - multiplier * (deviation[i] ?? 0))),
  };
}
