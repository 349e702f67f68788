import { DX, WSMA } from 'trading-signals';
import { integerInput, plotLook, type StudyRequest } from '../study-input.js';
import { lastOf, streamOver, streamValues } from './indicator-values.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

/** ADX (`in_0` ADX smoothing, `in_1` DI length), Wilder-smoothed as TradingView does, in its own pane. */
export const averageDirectionalIndex: StudyDefinition = {
  name: 'Average Directional Index',
  prepare(study: StudyRequest): PreparedStudy {
    const smoothing = integerInput(study, 'in_0', 14);
    const diLength = integerInput(study, 'in_1', 14);
    const look = plotLook(study, 'Plot', { color: '#ff5252', width: 1 });
    return {
      name: study.name,
      onPriceScale: false,
      placement: placementOf(study, 'pane'),
      legend: `ADX ${smoothing} ${diLength}`,
      draw({ candles }) {
        const dx = streamValues(new DX(diLength, WSMA), candles, (value) => value);
        const adx = streamOver(new WSMA(smoothing), dx);
        return { series: [{ kind: 'line', name: 'ADX', values: adx, ...look }], lastValues: [lastOf(adx)] };
      },
    };
  },
};
