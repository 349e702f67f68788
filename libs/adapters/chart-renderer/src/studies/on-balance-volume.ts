import { OBV } from 'trading-signals';
import { choiceInput, integerInput, plotLook, type StudyRequest } from '../study-input.js';
import { lastOf, streamValues } from './indicator-values.js';
import { movingAverage } from './moving-average.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

const SMOOTHING_LINES = ['SMA', 'EMA', 'WMA', 'SMMA (RMA)', 'None'] as const;

/** On Balance Volume with its smoothing line (`smoothingLine`, `smoothingLength`), in its own pane. */
export const onBalanceVolume: StudyDefinition = {
  name: 'On Balance Volume',
  prepare(study: StudyRequest): PreparedStudy {
    const smoothingLine = choiceInput(study, 'smoothingLine', SMOOTHING_LINES, 'None');
    const smoothingLength = integerInput(study, 'smoothingLength', 14);
    const look = plotLook(study, 'Plot', { color: '#2962ff', width: 1 });
    const smoothingLook = plotLook(study, 'Smoothing', { color: '#f7b500', width: 1 });
    return {
      name: study.name,
      onPriceScale: false,
      placement: placementOf(study, 'pane'),
      legend: 'OBV' + (smoothingLine === 'None' ? '' : ` ${smoothingLine} ${smoothingLength}`),
      draw({ candles }) {
        // OBV(2): the running sum needs the previous candle's close; the first candle has no value.
        const obv = streamValues(new OBV(2), candles, (value) => value);
        const smoothed = smoothingLine === 'None' ? undefined : movingAverage(obv, smoothingLine, smoothingLength);
        return {
          series: [
            { kind: 'line', name: 'OBV', values: obv, ...look },
            ...(smoothed === undefined ? [] : [{ kind: 'line' as const, name: 'OBV MA', values: smoothed, ...smoothingLook }]),
          ],
          lastValues: smoothed === undefined ? [lastOf(obv)] : [lastOf(obv), lastOf(smoothed)],
        };
      },
    };
  },
};
