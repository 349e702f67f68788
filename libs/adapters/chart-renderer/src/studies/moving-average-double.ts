import { choiceInput, integerInput, plotLook } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { linePlots } from './line-plots.js';
import { AVERAGE_METHODS, movingAverage } from './moving-average.js';

/** Two moving averages of the close (TradingView's "Moving Average Double"), on the price pane. */
export const movingAverageDouble = defineStudy({ name: 'Moving Average Double', placement: 'overlay', onPriceScale: true }, (study) => {
  const first = integerInput(study, 'firstPeriods', 14);
  const second = integerInput(study, 'secondPeriods', 28);
  const method = choiceInput(study, 'method', AVERAGE_METHODS, 'Simple');
  const firstLook = plotLook(study, 'Plot 1', { color: '#ff6d00', width: 1 });
  const secondLook = plotLook(study, 'Plot 2', { color: '#9c27b0', width: 1 });
  return {
    legend: `MA Double ${first} ${second} ${method}`,
    draw({ candles }) {
      const closes = candles.map((candle) => candle.close);
      return linePlots([
        { name: `MA ${first}`, values: movingAverage(closes, method, first), look: firstLook },
        { name: `MA ${second}`, values: movingAverage(closes, method, second), look: secondLook },
      ]);
    },
  };
});
