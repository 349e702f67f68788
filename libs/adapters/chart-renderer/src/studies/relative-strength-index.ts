import { RSI } from 'trading-signals';
import { choiceInput, integerInput, plotLook, type StudyRequest } from '../study-input.js';
import { lastOf, streamValues } from './indicator-values.js';
import { averageLabel, movingAverage } from './moving-average.js';
import { priceOf, PRICE_SOURCES } from './macd.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

const SMOOTHING_LINES = ['SMA', 'EMA', 'WMA', 'SMMA (RMA)', 'None'] as const;

/** RSI (`length`, `source`) with its smoothing line (`smoothingLine`, `smoothingLength`) and the 70/30 band. */
export const relativeStrengthIndex: StudyDefinition = {
  name: 'Relative Strength Index',
  prepare(study: StudyRequest): PreparedStudy {
    const length = integerInput(study, 'length', 14);
    const source = choiceInput(study, 'source', PRICE_SOURCES, 'close');
    const smoothingLine = choiceInput(study, 'smoothingLine', SMOOTHING_LINES, 'SMA');
    const smoothingLength = integerInput(study, 'smoothingLength', 14);
    const rsiLook = plotLook(study, 'Plot', { color: '#7e57c2', width: 1 });
    const smoothingLook = plotLook(study, 'Smoothed MA', { color: '#f7b500', width: 1 });
    return {
      name: study.name,
      onPriceScale: false,
      placement: placementOf(study, 'pane'),
      legend: `RSI ${length} ${source}` + (smoothingLine === 'None' ? '' : ` ${smoothingLine} ${smoothingLength}`),
      draw({ candles }) {
        const rsi = streamValues(
          new RSI(length),
          candles.map((candle) => priceOf(source, candle)),
          (value) => value,
        );
        const series = [{ kind: 'line' as const, name: 'RSI', values: rsi, ...rsiLook }];
        const smoothed = smoothingLine === 'None' ? undefined : movingAverage(rsi, smoothingLine, smoothingLength);
        if (smoothed !== undefined) {
          series.push({ kind: 'line', name: `RSI ${averageLabel(smoothingLine === 'None' ? 'SMA' : smoothingLine)}`, values: smoothed, ...smoothingLook });
        }
        return {
          series,
          range: { min: 0, max: 100 },
          levels: [70, 50, 30],
          levelFill: 'rgba(126,87,194,0.1)',
          lastValues: smoothed === undefined ? [lastOf(rsi)] : [lastOf(rsi), lastOf(smoothed)],
        };
      },
    };
  },
};
