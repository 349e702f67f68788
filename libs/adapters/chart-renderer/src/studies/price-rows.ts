/** A price range cut into equal rows, with a volume tally per row for up candles and one for down candles. */
export interface PriceRows {
  /** The lowest low: row `i` spans `low + i * step` to `low + (i + 1) * step`. */
  readonly low: number;
  readonly step: number;
  readonly up: number[];
  readonly down: number[];
}

/** The price range of `candles` cut into `count` rows, every tally zero (a flat range gets rows of 1). */
export function priceRows(candles: readonly { readonly low: number; readonly high: number }[], count: number): PriceRows {
  const low = Math.min(...candles.map((candle) => candle.low));
  const high = Math.max(...candles.map((candle) => candle.high));
  return { low, step: (high - low) / count || 1, up: new Array<number>(count).fill(0), down: new Array<number>(count).fill(0) };
}
