import { EMA, SMA, WMA, WSMA } from 'trading-signals';
import type { Values } from '../scene/scene-series.js';
import { streamOver } from './indicator-values.js';

/** The smoothing methods TradingView offers by name, mapped to trading-signals' averages. */
export const AVERAGE_METHODS = ['Simple', 'Exponential', 'Weighted', 'SMA', 'EMA', 'WMA', 'SMMA (RMA)', 'RMA'] as const;
export type AverageMethod = (typeof AVERAGE_METHODS)[number];

/** A moving average of `values` (nulls kept in place) by TradingView's method name. */
export function movingAverage(values: Values, method: AverageMethod, length: number): (number | null)[] {
  switch (method) {
    case 'Simple':
    case 'SMA':
      return streamOver(new SMA(length), values);
    case 'Exponential':
    case 'EMA':
      return streamOver(new EMA(length), values);
    case 'Weighted':
    case 'WMA':
      return streamOver(new WMA(length), values);
    case 'SMMA (RMA)':
    case 'RMA':
      return streamOver(new WSMA(length), values);
  }
}

/** The short name in legends: SMA, EMA, WMA, RMA. */
export function averageLabel(method: AverageMethod): string {
  if (method === 'Simple' || method === 'SMA') return 'SMA';
  if (method === 'Exponential' || method === 'EMA') return 'EMA';
  if (method === 'Weighted' || method === 'WMA') return 'WMA';
  return 'RMA';
}
