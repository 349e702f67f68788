import type { Random } from './seeded-random.js';

/** One OHLCV bar. */
export interface Candle {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * `count` bars of a random walk with drifting trend and volatility, starting near `startPrice`.
 * Purely a picture: the numbers only need to look like a market.
 */
export function generateCandles(random: Random, count: number, startPrice = 40_000): Candle[] {
  const candles: Candle[] = [];
  let close = startPrice * (0.6 + random() * 0.8);
  let trend = (random() - 0.5) * 0.004;
  let volatility = 0.008 + random() * 0.01;
  for (let i = 0; i < count; i += 1) {
    if (random() < 0.08) trend = (random() - 0.5) * 0.006;
    volatility = Math.min(0.03, Math.max(0.004, volatility * (0.9 + random() * 0.2)));
    const open = close * (1 + (random() - 0.5) * volatility * 0.3);
    close = open * (1 + trend + (random() - 0.5) * 2 * volatility);
    const high = Math.max(open, close) * (1 + random() * volatility * 0.8);
    const low = Math.min(open, close) * (1 - random() * volatility * 0.8);
    const volume = (500 + random() * 1500) * (1 + Math.abs(close - open) / open / volatility);
    candles.push({ open, high, low, close, volume });
  }
  return candles;
}
