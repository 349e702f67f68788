import { Period, SMA } from 'trading-signals';
import { choiceInput, integerInput, plotLook } from '../study-input.js';
import { defineStudy } from './define-study.js';
import { streamOver } from './indicator-values.js';
import { linePlots } from './line-plots.js';
import { PRICE_SOURCES } from './macd.js';
import { rsiOf } from './relative-strength-index.js';
import { oscillatorScale } from './study-definition.js';

/**
 * Stochastic RSI as TradingView computes it: the stochastic (`in_3` length) of an RSI (`in_2` length), %K its
 * SMA (`in_0`), %D the SMA of %K (`in_1`), on 0..100 with the 80/20 band. Built from trading-signals' RSI, Period
 * and SMA, since its own StochasticRSI ties the stochastic length to the RSI length.
 */
export const stochasticRsi = defineStudy({ name: 'Stochastic RSI', placement: 'pane', onPriceScale: false }, (study) => {
  const smoothK = integerInput(study, 'in_0', 3);
  const smoothD = integerInput(study, 'in_1', 3);
  const rsiLength = integerInput(study, 'in_2', 14);
  const stochasticLength = integerInput(study, 'in_3', 14);
  const source = choiceInput(study, 'in_4', PRICE_SOURCES, 'close');
  const kLook = plotLook(study, '%K', { color: '#2962ff', width: 1 });
  const dLook = plotLook(study, '%D', { color: '#ff6d00', width: 1 });
  return {
    legend: `Stoch RSI ${smoothK} ${smoothD} ${rsiLength} ${stochasticLength} ${source}`,
    draw({ candles }) {
      const period = new Period(stochasticLength);
      const stochastic = rsiOf(candles, rsiLength, source).map((value) => {
        if (value === null) return null;
        const window = period.add(value);
        if (window === null) return null;
        const span = window.highest - window.lowest;
        return span === 0 ? 0 : (100 * (value - window.lowest)) / span;
      });
      const k = streamOver(new SMA(smoothK), stochastic);
      const d = streamOver(new SMA(smoothD), k);
      return {
        ...linePlots([
          { name: '%K', values: k, look: kLook },
          { name: '%D', values: d, look: dLook },
        ]),
        ...oscillatorScale(80, 20, 'rgba(33,150,243,0.1)'),
      };
    },
  };
});
