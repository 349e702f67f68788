import { choiceInput, integerInput, plotLook, type StudyRequest } from '../study-input.js';
import { lastOf } from './indicator-values.js';
import { AVERAGE_METHODS, movingAverage } from './moving-average.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

/** Two moving averages of the close (TradingView's "Moving Average Double"), on the price pane. */
export const movingAverageDouble: StudyDefinition = {
  name: 'Moving Average Double',
  prepare(study: StudyRequest): PreparedStudy {
    const first = integerInput(study, 'firstPeriods', 14);
    const second = integerInput(study, 'secondPeriods', 28);
    const method = choiceInput(study, 'method', AVERAGE_METHODS, 'Simple');
    const firstLook = plotLook(study, 'Plot 1', { color: '#ff6d00', width: 1 });
    const secondLook = plotLook(study, 'Plot 2', { color: '#9c27b0', width: 1 });
    return {
      name: study.name,
      onPriceScale: true,
      placement: placementOf(study, 'overlay'),
      legend: `MA Double ${first} ${second} ${method}`,
      draw({ candles }) {
        const closes = candles.map((candle) => candle.close);
        const fast = movingAverage(closes, method, first);
        const slow = movingAverage(closes, method, second);
        return {
          series: [
            { kind: 'line', name: `MA ${first}`, values: fast, ...firstLook },
            { kind: 'line', name: `MA ${second}`, values: slow, ...secondLook },
          ],
          lastValues: [lastOf(fast), lastOf(slow)],
        };
      },
    };
  },
};
