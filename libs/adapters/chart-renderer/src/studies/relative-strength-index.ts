import { RSI } from 'trading-signals';
import type { Candle } from '../candles.js';
import { choiceInput, integerInput, plotLook } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { streamValues } from './indicator-values.js';
import { linePlots } from './line-plots.js';
import { priceOf, PRICE_SOURCES, type PriceSource } from './macd.js';
import { smooth, smoothingLegend, smoothingLineInput } from './smoothing-line.js';
import { oscillatorScale } from './study-definition.js';

/** The RSI over `length` candles of each candle's `source` price; null while it warms up. */
export function rsiOf(candles: readonly Candle[], length: number, source: PriceSource): (number | null)[] {
  return streamValues(
    new RSI(length),
    candles.map((candle) => priceOf(source, candle)),
    (value) => value,
  );
}

/** RSI (`length`, `source`) with its smoothing line (`smoothingLine`, `smoothingLength`) and the 70/30 band. */
export const relativeStrengthIndex = defineStudy({ name: 'Relative Strength Index', placement: 'pane', onPriceScale: false }, (study) => {
  const length = integerInput(study, 'length', 14);
  const source = choiceInput(study, 'source', PRICE_SOURCES, 'close');
  const smoothing = smoothingLineInput(study, 'SMA');
  const rsiLook = plotLook(study, 'Plot', { color: '#7e57c2', width: 1 });
  const smoothingLook = plotLook(study, 'Smoothed MA', { color: '#f7b500', width: 1 });
  return {
    legend: `RSI ${length} ${source}` + smoothingLegend(smoothing),
    draw({ candles }) {
      const rsi = rsiOf(candles, length, source);
      const smoothed = smooth(rsi, smoothing);
      return {
        ...linePlots([
          { name: 'RSI', values: rsi, look: rsiLook },
          ...(smoothed === undefined ? [] : [{ name: `RSI ${smoothed.label}`, values: smoothed.values, look: smoothingLook }]),
        ]),
        ...oscillatorScale(70, 30, 'rgba(126,87,194,0.1)'),
      };
    },
  };
});
