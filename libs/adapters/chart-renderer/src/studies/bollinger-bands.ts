import { BollingerBands } from 'trading-signals';
import { integerInput, numberInput, plotLook } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { linePlots } from './line-plots.js';

/** Bollinger Bands (`in_0` length, `in_1` deviations) over the close, on the price pane with the band filled. */
export const bollingerBands = defineStudy({ name: 'Bollinger Bands', placement: 'overlay', onPriceScale: true }, (study) => {
  const length = integerInput(study, 'in_0', 20);
  const deviations = numberInput(study, 'in_1', 2);
  const basisLook = plotLook(study, 'Median', { color: '#2962ff', width: 1 });
  const upperLook = plotLook(study, 'Upper', { color: '#f23645', width: 1 });
  const lowerLook = plotLook(study, 'Lower', { color: '#089981', width: 1 });
  return {
    legend: `BB ${length} SMA close ${deviations}`,
    draw({ candles }) {
      const indicator = new BollingerBands(length, deviations);
      const bands = candles.map((candle) => indicator.add(candle.close));
      const upper = bands.map((band) => band?.upper ?? null);
      const lower = bands.map((band) => band?.lower ?? null);
      const lines = linePlots([
        { name: 'BB basis', values: bands.map((band) => band?.middle ?? null), look: basisLook },
        { name: 'BB upper', values: upper, look: upperLook },
        { name: 'BB lower', values: lower, look: lowerLook },
      ]);
      return { series: [{ kind: 'band', name: 'BB fill', upper, lower, color: 'rgba(33,150,243,0.08)' }, ...lines.series], lastValues: lines.lastValues };
    },
  };
});
