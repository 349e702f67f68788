import { describe, expect, it } from '@jest/globals';
import { hashSeed, seededRandom } from './seeded-random.js';

const take = (seed: number, n: number): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => random());
};

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    expect(take(42, 5)).toEqual(take(42, 5));
    expect(take(42, 5)).not.toEqual(take(43, 5));
  });

  it('stay in [0, 1)', () => {
    for (const value of take(7, 10_000)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('hash a fixture key to a stable 32-bit seed (FNV-1a)', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
    expect(hashSeed('BINANCE_BTCUSDT__1h__x')).not.toBe(hashSeed('BINANCE_BTCUSDT__1M__x'));
  });
});
