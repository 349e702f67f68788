import type { Candle } from './candles.js';
import { RenderRefusal } from './render-refusal.js';

const PERIODS = ['1D', '5D', '1M', '3M', '6M', '1Y', '5Y', 'ALL', 'DTD', 'WTD', 'MTD', 'YTD'] as const;
type Period = (typeof PERIODS)[number];

/** Chart-IMG's `range`: a period ending at the last candle, or explicit bounds. */
export type VisibleRange = { readonly period: Period } | { readonly from: number; readonly to: number };

const DAY = 86_400_000;

export function parseVisibleRange(value: unknown): VisibleRange | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const period = PERIODS.find((candidate) => candidate === value);
    if (period === undefined) throw new RenderRefusal(`range ${JSON.stringify(value)} must be one of ${PERIODS.join(', ')} or {from, to}`);
    return { period };
  }
  const bounds = (typeof value === 'object' && value !== null ? value : {}) as { from?: unknown; to?: unknown };
  const from = typeof bounds.from === 'string' ? Date.parse(bounds.from) : NaN;
  const to = typeof bounds.to === 'string' ? Date.parse(bounds.to) : NaN;
  if (Number.isNaN(from) || Number.isNaN(to) || from > to) {
    throw new RenderRefusal(`range ${JSON.stringify(value)} must be {from, to} with ISO 8601 times, from before to`);
  }
  return { from, to };
}

function periodStart(period: Period, last: number): number {
  const date = new Date(last);
  const years = (n: number) => Date.UTC(date.getUTCFullYear() - n, date.getUTCMonth(), date.getUTCDate());
  const months = (n: number) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - n, date.getUTCDate());
  switch (period) {
    case '1D':
      return last - DAY;
    case '5D':
      return last - 5 * DAY;
    case '1M':
      return months(1);
    case '3M':
      return months(3);
    case '6M':
      return months(6);
    case '1Y':
      return years(1);
    case '5Y':
      return years(5);
    case 'ALL':
      return -Infinity;
    case 'DTD':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    case 'WTD':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    case 'MTD':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    case 'YTD':
      return Date.UTC(date.getUTCFullYear(), 0, 1);
  }
}

/**
 * The candles to show, `[from, to)` indexes: those in the range, else as many of the latest as TradingView
 * shows at its default bar spacing (`defaultBars`). Indicators are computed on every candle before `from`
 * too, so their first visible values are already warmed up.
 */
export function visibleWindow(candles: readonly Candle[], range: VisibleRange | undefined, defaultBars: number): { from: number; to: number } {
  const count = candles.length;
  if (range === undefined) return { from: Math.max(0, count - defaultBars), to: count };
  const last = candles[count - 1]?.time ?? 0;
  const [start, end] = 'period' in range ? [periodStart(range.period, last), Infinity] : [range.from, range.to];
  const from = candles.findIndex((candle) => candle.time >= start);
  let to = count;
  while (to > 0 && (candles[to - 1]?.time ?? 0) > end) to--;
  if (from < 0 || from >= to) {
    throw new RenderRefusal(`range ${JSON.stringify('period' in range ? range.period : range)} holds none of the ${count} candles`);
  }
  return { from, to };
}
