import type { Candle } from './candles.js';
import { ema, sma, type Series } from './moving-averages.js';

/** Relative Strength Index (Wilder's smoothing), 0..100. */
export function rsi(closes: Series, period: number): Series {
  let gain = 0;
  let loss = 0;
  return closes.map((close, i) => {
    const previous = closes[i - 1];
    if (i === 0 || close === undefined || previous === undefined) return undefined;
    const change = close - previous;
    const weight = i <= period ? 1 / i : 1 / period;
    gain = gain * (1 - weight) + Math.max(0, change) * weight;
    loss = loss * (1 - weight) + Math.max(0, -change) * weight;
    if (i < period) return undefined;
    return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  });
}

/** MACD line, its signal line and their difference. */
export function macd(closes: Series, fast: number, slow: number, signalPeriod: number): { macd: Series; signal: Series; histogram: Series } {
  const fastEma = ema(closes, fast);
  const slowEma = ema(closes, slow);
  const line = closes.map((_, i) => {
    const f = fastEma[i];
    const s = slowEma[i];
    return f === undefined || s === undefined || i + 1 < slow ? undefined : f - s;
  });
  const signal = ema(line, signalPeriod);
  return {
    macd: line,
    signal,
    histogram: line.map((m, i) => {
      const s = signal[i];
      return m === undefined || s === undefined ? undefined : m - s;
    }),
  };
}

/** Stochastic RSI: %K and %D, 0..100. */
export function stochasticRsi(closes: Series, rsiPeriod: number, stochPeriod: number, k: number, d: number) {
  const base = rsi(closes, rsiPeriod);
  const raw = base.map((value, i) => {
    if (value === undefined || i + 1 < stochPeriod) return undefined;
    const window = base.slice(i + 1 - stochPeriod, i + 1);
    if (window.some((v) => v === undefined)) return undefined;
    const low = Math.min(...(window as number[]));
    const high = Math.max(...(window as number[]));
    return high === low ? 50 : ((value - low) / (high - low)) * 100;
  });
  const kLine = sma(raw, k);
  return { k: kLine, d: sma(kLine, d) };
}

/** On Balance Volume. */
export function onBalanceVolume(candles: readonly Candle[]): Series {
  let total = 0;
  return candles.map((candle, i) => {
    const previous = candles[i - 1];
    if (previous !== undefined) total += Math.sign(candle.close - previous.close) * candle.volume;
    return total;
  });
}

/** Average Directional Index (Wilder), 0..100. */
export function averageDirectionalIndex(candles: readonly Candle[], period: number): Series {
  const plusDm: number[] = [];
  const minusDm: number[] = [];
  const trueRange: number[] = [];
  candles.forEach((candle, i) => {
    const previous = candles[i - 1] ?? candle;
    const up = candle.high - previous.high;
    const down = previous.low - candle.low;
    plusDm.push(up > down && up > 0 ? up : 0);
    minusDm.push(down > up && down > 0 ? down : 0);
    trueRange.push(Math.max(candle.high - candle.low, Math.abs(candle.high - previous.close), Math.abs(candle.low - previous.close)));
  });
  const smoothedTr = ema(trueRange, period);
  const plusDi = ema(plusDm, period).map((v, i) => ((v ?? 0) / (smoothedTr[i] || 1)) * 100);
  const minusDi = ema(minusDm, period).map((v, i) => ((v ?? 0) / (smoothedTr[i] || 1)) * 100);
  const dx = plusDi.map((p, i) => {
    const m = minusDi[i] ?? 0;
    return p + m === 0 ? 0 : (Math.abs(p - m) / (p + m)) * 100;
  });
  return ema(dx, period).map((v, i) => (i < period ? undefined : v));
}

/** Close minus the close `period` bars earlier: the stand-in for studies without a dedicated drawing. */
export function momentum(closes: Series, period: number): Series {
  return closes.map((close, i) => {
    const earlier = closes[i - period];
    return close === undefined || earlier === undefined ? undefined : close - earlier;
  });
}
