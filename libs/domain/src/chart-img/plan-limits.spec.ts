import { describe, expect, it } from '@jest/globals';
import { CHART_IMG_PLANS } from '../contracts/accounts-config.schema.js';
import { PLAN_LIMITS, planCanServe } from './plan-limits.js';

describe('PLAN_LIMITS', () => {
  it('has limits for every plan, each at least as generous as the plan before it', () => {
    const limits = CHART_IMG_PLANS.map((plan) => PLAN_LIMITS[plan]);
    for (let i = 1; i < limits.length; i += 1) {
      for (const field of ['ratePerSecond', 'burst', 'dailyMax', 'maxWidth', 'maxHeight', 'maxParameters'] as const) {
        expect(limits[i]?.[field]).toBeGreaterThanOrEqual(limits[i - 1]?.[field] ?? Infinity);
      }
    }
  });

  it('gives BASIC the free plan limits', () => {
    expect(PLAN_LIMITS.BASIC).toEqual({ ratePerSecond: 1, burst: 3, dailyMax: 50, maxWidth: 800, maxHeight: 600, maxParameters: 3 });
  });
});

describe('planCanServe', () => {
  it('serves a render at exactly the plan maximum', () => {
    expect(planCanServe('BASIC', { width: 800, height: 600, parameterCount: 3 })).toBe(true);
    expect(planCanServe('PRO', { width: 1920, height: 1080, parameterCount: 5 })).toBe(true);
  });

  it('refuses a wider, taller or busier render than the plan allows', () => {
    expect(planCanServe('BASIC', { width: 801, height: 600, parameterCount: 0 })).toBe(false);
    expect(planCanServe('BASIC', { width: 800, height: 601, parameterCount: 0 })).toBe(false);
    expect(planCanServe('BASIC', { width: 800, height: 600, parameterCount: 4 })).toBe(false);
    expect(planCanServe('MEGA', { width: 1920, height: 1920, parameterCount: 1 })).toBe(false);
  });

  it('lets ULTRA and ENTERPRISE serve the largest size', () => {
    expect(planCanServe('ULTRA', { width: 2048, height: 1920, parameterCount: 25 })).toBe(true);
    expect(planCanServe('ENTERPRISE', { width: 2048, height: 1920, parameterCount: 50 })).toBe(true);
    expect(planCanServe('ULTRA', { width: 2048, height: 1920, parameterCount: 26 })).toBe(false);
  });

  it('refuses a plan no larger than one the provider refused the render on, in the limit it named', () => {
    const demand = { width: 1920, height: 1080, parameterCount: 2 };

    expect(planCanServe('PRO', { ...demand, refusedPlans: [{ plan: 'PRO', limit: 'resolution' }] })).toBe(false);
    expect(planCanServe('MEGA', { ...demand, refusedPlans: [{ plan: 'PRO', limit: 'resolution' }] })).toBe(true);
    // MEGA allows no larger width than PRO but a larger height: it may serve what PRO was refused.
    expect(planCanServe('MEGA', { ...demand, refusedPlans: [{ plan: 'PRO' }] })).toBe(true);
    // ENTERPRISE has ULTRA's resolution: a resolution refusal on ULTRA rules it out, a parameter one does not.
    const large = { width: 2048, height: 1920, parameterCount: 20 };
    expect(planCanServe('ENTERPRISE', { ...large, refusedPlans: [{ plan: 'ULTRA', limit: 'resolution' }] })).toBe(false);
    expect(planCanServe('ENTERPRISE', { ...large, refusedPlans: [{ plan: 'ULTRA', limit: 'parameters' }] })).toBe(true);
  });
});
