import { describe, expect, it } from '@jest/globals';
import { PLAN_LIMITS } from '@worker-chart-export/domain';
import { paceMarginMs } from './pace-margin.js';

describe('paceMarginMs', () => {
  it('is half the interval between two tokens of the plan, never under 50 ms', () => {
    expect(paceMarginMs(PLAN_LIMITS.BASIC.ratePerSecond)).toBe(500);
    expect(paceMarginMs(2)).toBe(250);
    expect(paceMarginMs(PLAN_LIMITS.PRO.ratePerSecond)).toBe(50);
    expect(paceMarginMs(PLAN_LIMITS.ULTRA.ratePerSecond)).toBe(50);
  });
});
