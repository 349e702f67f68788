import { EMA, MACD } from 'trading-signals';
import type { Palette } from '../palette.js';
import { choiceInput, integerInput, plotLook } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { lastOf } from './indicator-values.js';
import { linePlots } from './line-plots.js';

const SOURCES = ['close', 'open', 'high', 'low', 'hl2', 'hlc3', 'ohlc4'] as const;
export type PriceSource = (typeof SOURCES)[number];
export { SOURCES as PRICE_SOURCES };

/** The price a study reads from a candle, by TradingView's source name. */
export function priceOf(source: PriceSource, candle: { open: number; high: number; low: number; close: number }): number {
  switch (source) {
    case 'close':
      return candle.close;
    case 'open':
      return candle.open;
    case 'high':
      return candle.high;
    case 'low':
      return candle.low;
    case 'hl2':
      return (candle.high + candle.low) / 2;
    case 'hlc3':
      return (candle.high + candle.low + candle.close) / 3;
    case 'ohlc4':
      return (candle.open + candle.high + candle.low + candle.close) / 4;
  }
}

// TradingView's four histogram colours: growing or falling, above or below zero.
function histogramColor(value: number | null, previous: number | null, palette: Palette): string {
  if (value === null) return 'transparent';
  const rising = previous === null || value >= previous;
  if (value >= 0) return rising ? '#26a69a' : '#b2dfdb';
  return rising ? '#ffcdd2' : palette.down === '#f23645' ? '#ff5252' : palette.down;
}

/** MACD (`in_0` fast, `in_1` slow, `in_2` signal, `in_3` source): histogram, MACD and signal lines in its own pane. */
export const macd = defineStudy({ name: 'MACD', placement: 'pane', onPriceScale: false }, (study) => {
  const fast = integerInput(study, 'in_0', 12);
  const slow = integerInput(study, 'in_1', 26);
  const signalLength = integerInput(study, 'in_2', 9);
  const source = choiceInput(study, 'in_3', SOURCES, 'close');
  const macdLook = plotLook(study, 'MACD', { color: '#2962ff', width: 1 });
  const signalLook = plotLook(study, 'Signal', { color: '#ff6d00', width: 1 });
  return {
    legend: `MACD ${fast} ${slow} ${source} ${signalLength}`,
    draw({ candles, palette }) {
      const indicator = new MACD(new EMA(fast), new EMA(slow), new EMA(signalLength));
      const results = candles.map((candle) => indicator.add(priceOf(source, candle)));
      const histogram = results.map((result) => result?.histogram ?? null);
      const colors = histogram.map((value, i) => histogramColor(value, i > 0 ? (histogram[i - 1] ?? null) : null, palette));
      const lines = linePlots([
        { name: 'MACD', values: results.map((result) => result?.macd ?? null), look: macdLook },
        { name: 'Signal', values: results.map((result) => result?.signal ?? null), look: signalLook },
      ]);
      return {
        series: [{ kind: 'histogram', name: 'Histogram', values: histogram, colors }, ...lines.series],
        lastValues: [lastOf(histogram), ...lines.lastValues],
      };
    },
  };
});
