import { describe, expect, it } from '@jest/globals';
import { durationStats } from './bench-stats.js';

describe('durationStats', () => {
  it('gives the mean and nearest-rank percentiles of an unsorted sample', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);

    expect(durationStats(samples)).toEqual({ count: 20, mean: 10.5, p50: 10, p95: 19, min: 1, max: 20 });
  });

  it('takes the only value of a one-element sample for every statistic', () => {
    expect(durationStats([7])).toEqual({ count: 1, mean: 7, p50: 7, p95: 7, min: 7, max: 7 });
  });

  it('refuses an empty sample', () => {
    expect(() => durationStats([])).toThrow('at least one sample');
  });
});
