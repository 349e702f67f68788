import { describe, expect, it } from '@jest/globals';
import { formatValue, niceTicks, scaleY, valueRange } from './value-scale.js';

describe('value scale', () => {
  it('picks ticks at 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(41_234, 48_900, 8)).toEqual({ ticks: [42_000, 43_000, 44_000, 45_000, 46_000, 47_000, 48_000], step: 1000 });
    expect(niceTicks(0, 100, 3).ticks).toEqual([0, 50, 100]);
  });

  it('formats labels with the decimals the step needs, compactly when asked', () => {
    expect(formatValue(41_250, 1000)).toBe('41250');
    expect(formatValue(0.35, 0.05)).toBe('0.35');
    expect(formatValue(12_500, 5000, true)).toBe('12.5K');
    expect(formatValue(3_100_000, 1_000_000, true)).toBe('3.1M');
    expect(formatValue(-0.0001, 1)).toBe('0');
  });

  it('maps larger values higher up', () => {
    const scale = { min: 0, max: 100, top: 10, bottom: 110 };

    expect(scaleY(scale, 100)).toBe(10);
    expect(scaleY(scale, 0)).toBe(110);
    expect(scaleY(scale, 25)).toBe(85);
  });

  it('pads the range of the defined values, ignoring gaps', () => {
    expect(valueRange([undefined, 10, 20, undefined], 0.1)).toEqual([9, 21]);
    expect(valueRange([undefined], 0.1)).toEqual([0, 1]);
  });
});
