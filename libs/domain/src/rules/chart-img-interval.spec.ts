import { describe, expect, it } from '@jest/globals';
import { CHART_IMG_INTERVALS, toChartImgInterval } from './chart-img-interval.js';

describe('toChartImgInterval', () => {
  it.each([
    ['1M', '1M'],
    ['3M', '3M'],
    ['1m', '1m'],
    ['15m', '15m'],
    ['4h', '4h'],
    ['4H', '4h'],
    ['12h', '12h'],
    ['1d', '1D'],
    ['1D', '1D'],
    ['3d', '3D'],
    ['1w', '1W'],
    ['1W', '1W'],
    ['1y', '1Y'],
    ['1Y', '1Y'],
  ])('maps timeframe %s to interval %s', (timeframe, interval) => {
    expect(toChartImgInterval(timeframe)).toEqual({ ok: true, interval });
  });

  it('keeps a month and a minute apart', () => {
    expect(toChartImgInterval('1M')).toEqual({ ok: true, interval: '1M' });
    expect(toChartImgInterval('1m')).toEqual({ ok: true, interval: '1m' });
  });

  it('maps every provider interval onto itself', () => {
    for (const interval of CHART_IMG_INTERVALS) {
      expect(toChartImgInterval(interval)).toEqual({ ok: true, interval });
    }
  });

  it('refuses a well-formed timeframe the provider does not offer, naming the value and the list', () => {
    const result = toChartImgInterval('7m');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(`timeframe "7m" maps to interval "7m", which Chart-IMG does not offer (one of ${CHART_IMG_INTERVALS.join(' ')})`);
  });

  it.each(['0h', '1x', '', '1MM', 'M', '01h', ' 1h', '1h ', '-1h', '1.5h', '99999m'])('refuses %p and names it', (timeframe) => {
    const result = toChartImgInterval(timeframe);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(`timeframe ${JSON.stringify(timeframe)} `);
  });

  it('refuses units unknown to the provider such as seconds', () => {
    expect(toChartImgInterval('30s').ok).toBe(false);
  });
});
