import type { Candle } from './candles.js';
import type { Series } from './moving-averages.js';

/** Parabolic SAR (Wilder): one stop value per bar, flipping sides when price crosses it. */
export function parabolicSar(candles: readonly Candle[], step = 0.02, maxStep = 0.2): Series {
  const first = candles[0];
  if (first === undefined) return [];
  let rising = true;
  let sar = first.low;
  let extreme = first.high;
  let acceleration = step;
  return candles.map((candle, i) => {
    if (i === 0) return undefined;
    sar += acceleration * (extreme - sar);
    if (rising ? candle.low < sar : candle.high > sar) {
      rising = !rising;
      sar = extreme;
      extreme = rising ? candle.high : candle.low;
      acceleration = step;
    } else if (rising ? candle.high > extreme : candle.low < extreme) {
      extreme = rising ? candle.high : candle.low;
      acceleration = Math.min(maxStep, acceleration + step);
    }
    return sar;
  });
}
