import { PSAR } from 'trading-signals';
import { RenderRefusal } from '../render-refusal.js';
import { numberInput, plotLook } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { lastOf, streamValues } from './indicator-values.js';

/** Parabolic SAR (`in_0` start, `in_1` increment, `in_2` maximum) as crosses or dots on the price pane. */
export const parabolicSar = defineStudy({ name: 'Parabolic SAR', placement: 'overlay', onPriceScale: true }, (study) => {
  const start = numberInput(study, 'in_0', 0.02);
  const increment = numberInput(study, 'in_1', 0.02);
  const maximum = numberInput(study, 'in_2', 0.2);
  // trading-signals starts the acceleration at its increment, as TradingView's default does.
  if (start !== increment) {
    throw new RenderRefusal(`study "${study.name}" input in_0: a start (${start}) other than the increment (${increment}) is not drawn`);
  }
  const look = plotLook(study, 'Plot', { color: '#2962ff', width: 1, plotType: 'cross' });
  return {
    legend: `SAR ${start} ${increment} ${maximum}`,
    draw({ candles }) {
      const indicator = new PSAR({ accelerationStep: increment, accelerationMax: maximum });
      const values = streamValues(indicator, candles, (value) => value);
      return {
        series: [
          {
            kind: 'markers',
            name: 'SAR',
            values,
            color: look.color,
            size: 3 + look.width * 1.5,
            shape: look.plotType === 'circles' ? 'circle' : 'cross',
          },
        ],
        lastValues: [lastOf(values)],
      };
    },
  };
});
