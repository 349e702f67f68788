import { BollingerBands } from 'trading-signals';
import { integerInput, numberInput, plotLook, type StudyRequest } from '../study-input.js';
import { lastOf } from './indicator-values.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

/** Bollinger Bands (`in_0` length, `in_1` deviations) over the close, on the price pane with the band filled. */
export const bollingerBands: StudyDefinition = {
  name: 'Bollinger Bands',
  prepare(study: StudyRequest): PreparedStudy {
    const length = integerInput(study, 'in_0', 20);
    const deviations = numberInput(study, 'in_1', 2);
    const basisLook = plotLook(study, 'Median', { color: '#2962ff', width: 1 });
    const upperLook = plotLook(study, 'Upper', { color: '#f23645', width: 1 });
    const lowerLook = plotLook(study, 'Lower', { color: '#089981', width: 1 });
    return {
      name: study.name,
      onPriceScale: true,
      placement: placementOf(study, 'overlay'),
      legend: `BB ${length} SMA close ${deviations}`,
      draw({ candles }) {
        const indicator = new BollingerBands(length, deviations);
        const bands = candles.map((candle) => indicator.add(candle.close));
        const upper = bands.map((band) => band?.upper ?? null);
        const middle = bands.map((band) => band?.middle ?? null);
        const lower = bands.map((band) => band?.lower ?? null);
        return {
          series: [
            { kind: 'band', name: 'BB fill', upper, lower, color: 'rgba(33,150,243,0.08)' },
            { kind: 'line', name: 'BB basis', values: middle, ...basisLook },
            { kind: 'line', name: 'BB upper', values: upper, ...upperLook },
            { kind: 'line', name: 'BB lower', values: lower, ...lowerLook },
          ],
          lastValues: [lastOf(middle), lastOf(upper), lastOf(lower)],
        };
      },
    };
  },
};
