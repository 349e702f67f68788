import { OBV } from 'trading-signals';
import { plotLook } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { streamValues } from './indicator-values.js';
import { linePlots } from './line-plots.js';
import { smooth, smoothingLegend, smoothingLineInput } from './smoothing-line.js';

/** On Balance Volume with its smoothing line (`smoothingLine`, `smoothingLength`), in its own pane. */
export const onBalanceVolume = defineStudy({ name: 'On Balance Volume', placement: 'pane', onPriceScale: false }, (study) => {
  const smoothing = smoothingLineInput(study, 'None');
  const look = plotLook(study, 'Plot', { color: '#2962ff', width: 1 });
  const smoothingLook = plotLook(study, 'Smoothing', { color: '#f7b500', width: 1 });
  return {
    legend: 'OBV' + smoothingLegend(smoothing),
    draw({ candles }) {
      // OBV(2): the running sum needs the previous candle's close; the first candle has no value.
      const obv = streamValues(new OBV(2), candles, (value) => value);
      const smoothed = smooth(obv, smoothing);
      return linePlots([
        { name: 'OBV', values: obv, look },
        ...(smoothed === undefined ? [] : [{ name: 'OBV MA', values: smoothed.values, look: smoothingLook }]),
      ]);
    },
  };
});
