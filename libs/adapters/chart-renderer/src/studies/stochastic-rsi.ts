import { Period, RSI, SMA } from 'trading-signals';
import { choiceInput, integerInput, plotLook, type StudyRequest } from '../study-input.js';
import { lastOf, streamOver, streamValues } from './indicator-values.js';
import { priceOf, PRICE_SOURCES } from './macd.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

/**
 * Stochastic RSI as TradingView computes it: the stochastic (`in_3` length) of an RSI (`in_2` length), %K its
 * SMA (`in_0`), %D the SMA of %K (`in_1`), on 0..100 with the 80/20 band. Built from trading-signals' RSI, Period
 * and SMA, since its own StochasticRSI ties the stochastic length to the RSI length.
 */
export const stochasticRsi: StudyDefinition = {
  name: 'Stochastic RSI',
  prepare(study: StudyRequest): PreparedStudy {
    const smoothK = integerInput(study, 'in_0', 3);
    const smoothD = integerInput(study, 'in_1', 3);
    const rsiLength = integerInput(study, 'in_2', 14);
    const stochasticLength = integerInput(study, 'in_3', 14);
    const source = choiceInput(study, 'in_4', PRICE_SOURCES, 'close');
    const kLook = plotLook(study, '%K', { color: '#2962ff', width: 1 });
    const dLook = plotLook(study, '%D', { color: '#ff6d00', width: 1 });
    return {
      name: study.name,
      onPriceScale: false,
      placement: placementOf(study, 'pane'),
      legend: `Stoch RSI ${smoothK} ${smoothD} ${rsiLength} ${stochasticLength} ${source}`,
      draw({ candles }) {
        const rsi = streamValues(
          new RSI(rsiLength),
          candles.map((candle) => priceOf(source, candle)),
          (value) => value,
        );
        const period = new Period(stochasticLength);
        const stochastic = rsi.map((value) => {
          if (value === null) return null;
          const window = period.add(value);
          if (window === null) return null;
          const span = window.highest - window.lowest;
          return span === 0 ? 0 : (100 * (value - window.lowest)) / span;
        });
        const k = streamOver(new SMA(smoothK), stochastic);
        const d = streamOver(new SMA(smoothD), k);
        return {
          series: [
            { kind: 'line', name: '%K', values: k, ...kLook },
            { kind: 'line', name: '%D', values: d, ...dLook },
          ],
          range: { min: 0, max: 100 },
          levels: [80, 50, 20],
          levelFill: 'rgba(33,150,243,0.1)',
          lastValues: [lastOf(k), lastOf(d)],
        };
      },
    };
  },
};
