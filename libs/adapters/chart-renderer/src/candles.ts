import type { OhlcvRow } from '@worker-chart-export/domain';
import { RenderRefusal } from './render-refusal.js';

/** One bar, its open time in epoch milliseconds. */
export interface Candle {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** The rows as candles in time order; a repeated open time keeps the last row (an exporter's update). */
export function toCandles(rows: readonly OhlcvRow[]): Candle[] {
  const byTime = new Map<number, Candle>();
  for (const row of rows) {
    const time = Date.parse(row.date);
    byTime.set(time, { time, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume });
  }
  const candles = [...byTime.values()].sort((a, b) => a.time - b.time);
  if (candles.length === 0) throw new RenderRefusal('OHLCV data has no candles: nothing to draw');
  return candles;
}

/** Heikin-Ashi candles: averaged bars that smooth the trend (TradingView's `heikinAshi` style). */
export function toHeikinAshi(candles: readonly Candle[]): Candle[] {
  const result: Candle[] = [];
  for (const candle of candles) {
    const close = (candle.open + candle.high + candle.low + candle.close) / 4;
    const previous = result[result.length - 1];
    const open = previous === undefined ? (candle.open + candle.close) / 2 : (previous.open + previous.close) / 2;
    result.push({ ...candle, open, close, high: Math.max(candle.high, open, close), low: Math.min(candle.low, open, close) });
  }
  return result;
}
