import { describe, expect, it } from '@jest/globals';
import { currentUsage, isExhausted, remainingQuota, stillCounted, type AccountState } from './account-state.js';
import { utcDayWindow } from './utc-day-window.js';

const NOW = new Date('2025-12-15T10:26:12Z');
const state = (overrides: Partial<AccountState> = {}): AccountState => ({
  id: 'acc1',
  plan: 'BASIC',
  priority: 100,
  dailyLimit: 44,
  usageToday: 10,
  ...overrides,
});

describe('utcDayWindow', () => {
  it('spans the UTC day holding the instant', () => {
    expect(utcDayWindow(NOW)).toEqual({
      start: new Date('2025-12-15T00:00:00Z'),
      end: new Date('2025-12-16T00:00:00Z'),
      startIso: '2025-12-15T00:00:00.000Z',
    });
  });

  it('puts midnight itself in the new day and the last millisecond in the old one', () => {
    expect(utcDayWindow(new Date('2025-12-16T00:00:00Z')).startIso).toBe('2025-12-16T00:00:00.000Z');
    expect(utcDayWindow(new Date('2025-12-15T23:59:59.999Z')).startIso).toBe('2025-12-15T00:00:00.000Z');
  });
});

describe('currentUsage', () => {
  it('counts usage recorded in the current window', () => {
    expect(currentUsage(state({ windowStart: '2025-12-15T00:00:00.000Z' }), NOW)).toBe(10);
  });

  it('is 0 once the window is an earlier UTC day', () => {
    expect(currentUsage(state({ windowStart: '2025-12-14T00:00:00.000Z' }), NOW)).toBe(0);
    expect(currentUsage(state({ windowStart: '2025-12-14' }), NOW)).toBe(0);
  });

  it('counts the usage when no window is recorded', () => {
    expect(currentUsage(state(), NOW)).toBe(10);
  });
});

describe('isExhausted and remainingQuota', () => {
  it('is exhausted when usage reached the daily limit', () => {
    expect(isExhausted(state({ usageToday: 44 }), NOW)).toBe(true);
    expect(remainingQuota(state({ usageToday: 50 }), NOW)).toBe(0);
  });

  it('is exhausted while exhaustedUntil is in the future, and not after it', () => {
    expect(isExhausted(state({ exhaustedUntil: new Date('2025-12-16T00:00:00Z') }), NOW)).toBe(true);
    expect(isExhausted(state({ exhaustedUntil: NOW }), NOW)).toBe(false);
  });

  it('a full account from yesterday has its whole limit again today', () => {
    const yesterday = state({ usageToday: 44, windowStart: '2025-12-14T00:00:00.000Z' });
    expect(isExhausted(yesterday, NOW)).toBe(false);
    expect(remainingQuota(yesterday, NOW)).toBe(44);
  });

  it('an account with dailyLimit 0 is always exhausted', () => {
    expect(isExhausted(state({ dailyLimit: 0, usageToday: 0 }), NOW)).toBe(true);
  });
});

describe('stillCounted', () => {
  it('is true for a unit reserved in the window the usage is counted in, whatever the timestamp format', () => {
    expect(stillCounted('2025-12-15T00:00:00.000Z', '2025-12-15T00:00:00Z')).toBe(true);
    expect(stillCounted(undefined, '2025-12-15T00:00:00Z')).toBe(true);
  });

  it('is false once the usage belongs to another window, or to none', () => {
    expect(stillCounted('2025-12-14T00:00:00Z', '2025-12-15T00:00:00Z')).toBe(false);
    expect(stillCounted('2025-12-15T00:00:00Z', undefined)).toBe(false);
  });
});
