import { integerInput, type StudyRequest } from '../study-input.js';
import { lastOf } from './indicator-values.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

/**
 * Volume bars coloured by the candle's direction. TradingView lays them along the bottom of the price pane;
 * `forceOverlay: false` gives them their own pane.
 */
export const volume: StudyDefinition = {
  name: 'Volume',
  prepare(study: StudyRequest): PreparedStudy {
    // The volume moving average is hidden on TradingView's default chart: the length is checked, not drawn.
    integerInput(study, 'in_0', 20);
    return {
      name: study.name,
      onPriceScale: false,
      placement: study.forceOverlay === false ? 'pane' : placementOf(study, 'overlay'),
      legend: 'Vol',
      draw({ candles, palette }) {
        const values = candles.map((candle) => candle.volume);
        const colors = candles.map((candle) => (candle.close >= candle.open ? palette.upFaded : palette.downFaded));
        return { series: [{ kind: 'histogram', name: 'Volume', values, colors }], lastValues: [lastOf(values)] };
      },
    };
  },
};
