import { describe, expect, it } from '@jest/globals';
import { volumeProfile } from './volume-profile.js';

const candle = (low: number, high: number, up: boolean, volume: number) => ({
  time: 0,
  low,
  high,
  open: up ? low : high,
  close: up ? high : low,
  volume,
});

describe('volumeProfile', () => {
  it('spreads each candle over the rows it spans, splits up and down volume, and grows the value area from the POC', () => {
    // Price 0..4 in 4 rows of 1: an up candle 0..2 (volume 20: 10 per row), a down candle 1..2 (30), a down candle 3..4 (5).
    const profile = volumeProfile([candle(0, 2, true, 20), candle(1, 2, false, 30), candle(3, 4, false, 5)], 4, 70);

    expect(profile.rows.map((row) => [row.low, row.high, row.up, row.down])).toEqual([
      [0, 1, 10, 0],
      [1, 2, 10, 30],
      [2, 3, 0, 0],
      [3, 4, 0, 5],
    ]);
    // Total 55; 70 % is 38.5: the POC row (40) alone holds it.
    expect(profile.pocPrice).toBe(1.5);
    expect(profile.rows.map((row) => row.inValueArea)).toEqual([false, true, false, false]);
  });

  it('adds the larger neighbour first until the value area holds the share asked for', () => {
    const profile = volumeProfile([candle(0, 1, true, 10), candle(1, 2, true, 40), candle(2, 3, false, 30), candle(3, 4, true, 20)], 4, 80);
    // 80 of 100: POC (40) + 30 above = 70, then 20 above it = 90.
    expect(profile.rows.map((row) => row.inValueArea)).toEqual([false, true, true, true]);
  });
});
