import { integerInput } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { lastOf } from './indicator-values.js';

/**
 * Volume bars coloured by the candle's direction. TradingView lays them along the bottom of the price pane;
 * `forceOverlay: false` gives them their own pane.
 */
export const volume = defineStudy({ name: 'Volume', placement: 'overlay', onPriceScale: false }, (study) => {
  // The volume moving average is hidden on TradingView's default chart: the length is checked, not drawn.
  integerInput(study, 'in_0', 20);
  return {
    legend: 'Vol',
    placement: study.forceOverlay === false ? 'pane' : 'overlay',
    draw({ candles, palette }) {
      const values = candles.map((candle) => candle.volume);
      const colors = candles.map((candle) => (candle.close >= candle.open ? palette.upFaded : palette.downFaded));
      return { series: [{ kind: 'histogram', name: 'Volume', values, colors }], lastValues: [lastOf(values)] };
    },
  };
});
