import { EMA, SMA, WMA, WSMA } from 'trading-signals';
import type { Values } from '../scene/scene-series.js';
import { streamOver } from './indicator-values.js';

/** The smoothing methods TradingView offers by name, mapped to trading-signals' averages. */
export const AVERAGE_METHODS = ['Simple', 'Exponential', 'Weighted', 'SMA', 'EMA', 'WMA', 'SMMA (RMA)', 'RMA'] as const;
export type AverageMethod = (typeof AVERAGE_METHODS)[number];

const AVERAGES = { SMA, EMA, WMA, RMA: WSMA };

// TradingView names each average in full and short; the short name is the one legends show.
const SHORT_NAMES: Readonly<Record<AverageMethod, keyof typeof AVERAGES>> = {
  Simple: 'SMA',
  Exponential: 'EMA',
  Weighted: 'WMA',
  SMA: 'SMA',
  EMA: 'EMA',
  WMA: 'WMA',
  'SMMA (RMA)': 'RMA',
  RMA: 'RMA',
};

/** A moving average of `values` (nulls kept in place) by TradingView's method name. */
export function movingAverage(values: Values, method: AverageMethod, length: number): (number | null)[] {
  return streamOver(new AVERAGES[SHORT_NAMES[method]](length), values);
}

/** The short name in legends: SMA, EMA, WMA, RMA. */
export function averageLabel(method: AverageMethod): string {
  return SHORT_NAMES[method];
}
