import { DX, WSMA } from 'trading-signals';
import { integerInput, plotLook } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { streamOver, streamValues } from './indicator-values.js';
import { linePlots } from './line-plots.js';

/** ADX (`in_0` ADX smoothing, `in_1` DI length), Wilder-smoothed as TradingView does, in its own pane. */
export const averageDirectionalIndex = defineStudy({ name: 'Average Directional Index', placement: 'pane', onPriceScale: false }, (study) => {
  const smoothing = integerInput(study, 'in_0', 14);
  const diLength = integerInput(study, 'in_1', 14);
  const look = plotLook(study, 'Plot', { color: '#ff5252', width: 1 });
  return {
    legend: `ADX ${smoothing} ${diLength}`,
    draw({ candles }) {
      const dx = streamValues(new DX(diLength, WSMA), candles, (value) => value);
      return linePlots([{ name: 'ADX', values: streamOver(new WSMA(smoothing), dx), look }]);
    },
  };
});
