import { PSAR } from 'trading-signals';
import { RenderRefusal } from '../render-refusal.js';
import { numberInput, plotLook, type StudyRequest } from '../study-input.js';
import { lastOf, streamValues } from './indicator-values.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

/** Parabolic SAR (`in_0` start, `in_1` increment, `in_2` maximum) as crosses or dots on the price pane. */
export const parabolicSar: StudyDefinition = {
  name: 'Parabolic SAR',
  prepare(study: StudyRequest): PreparedStudy {
    const start = numberInput(study, 'in_0', 0.02);
    const increment = numberInput(study, 'in_1', 0.02);
    const maximum = numberInput(study, 'in_2', 0.2);
    // trading-signals starts the acceleration at its increment, as TradingView's default does.
    if (start !== increment) {
      throw new RenderRefusal(`study "${study.name}" input in_0: a start (${start}) other than the increment (${increment}) is not drawn`);
    }
    const look = plotLook(study, 'Plot', { color: '#2962ff', width: 1, plotType: 'cross' });
    return {
      name: study.name,
      onPriceScale: true,
      placement: placementOf(study, 'overlay'),
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
  },
};
