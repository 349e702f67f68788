import type { Candle } from '../candles.js';
import type { VolumeProfileRow } from '../scene/scene-series.js';
import { priceRows } from './price-rows.js';

/** Where the volume of `candles` traded: `rows` equal price buckets, the point of control and the value area. */
export interface VolumeProfile {
  readonly rows: readonly VolumeProfileRow[];
  readonly pocPrice: number;
}

/**
 * TradingView builds the profile from lower-timeframe bars; with one timeframe, each candle's volume is spread
 * evenly over its high-low range. The value area grows from the point of control, taking the larger neighbour,
 * until it holds `valueAreaPercent` of the volume.
 */
export function volumeProfile(candles: readonly Candle[], rowCount: number, valueAreaPercent: number): VolumeProfile {
  const { low, step, up, down } = priceRows(candles, rowCount);
  for (const candle of candles) {
    const span = candle.high - candle.low;
    const target = candle.close >= candle.open ? up : down;
    const first = Math.min(rowCount - 1, Math.floor((candle.low - low) / step));
    const last = Math.min(rowCount - 1, Math.floor((candle.high - low) / step));
    for (let row = first; row <= last; row++) {
      const overlap = span === 0 ? 1 : (Math.min(candle.high, low + (row + 1) * step) - Math.max(candle.low, low + row * step)) / span;
      target[row] = (target[row] ?? 0) + candle.volume * Math.max(0, overlap);
    }
  }
  const totals = up.map((value, row) => value + (down[row] ?? 0));
  const poc = totals.indexOf(Math.max(...totals));
  const inArea = new Set([poc]);
  let covered = totals[poc] ?? 0;
  const wanted = (totals.reduce((sum, value) => sum + value, 0) * valueAreaPercent) / 100;
  let below = poc - 1;
  let above = poc + 1;
  while (covered < wanted && (below >= 0 || above < rowCount)) {
    const takeAbove = below < 0 || (above < rowCount && (totals[above] ?? 0) >= (totals[below] ?? 0));
    const row = takeAbove ? above++ : below--;
    inArea.add(row);
    covered += totals[row] ?? 0;
  }
  return {
    rows: totals.map((_, row) => ({
      low: low + row * step,
      high: low + (row + 1) * step,
      up: up[row] ?? 0,
      down: down[row] ?? 0,
      inValueArea: inArea.has(row),
    })),
    pocPrice: low + (poc + 0.5) * step,
  };
}
