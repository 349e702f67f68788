import { describe, expect, it } from '@jest/globals';
import type { RenderDemand } from '../ports/account-pool.js';
import type { AccountState } from './account-state.js';
import { chooseAccount } from './choose-account.js';

const NOW = new Date('2025-12-15T10:26:12Z');
const SMALL: RenderDemand = { width: 800, height: 600, parameterCount: 2 };
const NONE = new Set<string>();
const account = (id: string, overrides: Partial<AccountState> = {}): AccountState => ({
  id,
  plan: 'BASIC',
  priority: 100,
  dailyLimit: 44,
  usageToday: 0,
  windowStart: '2025-12-15T00:00:00.000Z',
  ...overrides,
});

describe('chooseAccount', () => {
  it('prefers the lowest priority', () => {
    const states = [account('a', { priority: 100 }), account('b', { priority: 5 })];
    expect(chooseAccount(states, SMALL, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'b' });
  });

  it('passes over an account whose burst is spent for one that can send at once, whatever their priorities', () => {
    // BASIC: burst 3, one call a second. `nextSendAt` 3 s ahead: three calls were just granted.
    const spent = new Date(NOW.getTime() + 3000);
    const states = [account('first', { priority: 1, nextSendAt: spent }), account('second', { priority: 2 })];
    expect(chooseAccount(states, SMALL, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'second' });
    // Both spent: the one whose next call is sooner.
    const later = [account('first', { priority: 1, nextSendAt: new Date(NOW.getTime() + 4000) }), account('second', { priority: 2, nextSendAt: spent })];
    expect(chooseAccount(later, SMALL, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'second' });
  });

  it('then the most remaining quota', () => {
    const states = [account('a', { usageToday: 30 }), account('b', { usageToday: 10 }), account('c', { dailyLimit: 100, usageToday: 70 })];
    expect(chooseAccount(states, SMALL, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'b' });
  });

  it('then the smallest id', () => {
    expect(chooseAccount([account('zeta'), account('Alpha'), account('beta')], SMALL, NONE, NOW)).toEqual({
      type: 'chosen',
      accountId: 'Alpha',
    });
  });

  it('counts yesterday`s usage as spent-free', () => {
    const states = [account('a', { usageToday: 5 }), account('b', { usageToday: 40, windowStart: '2025-12-14T00:00:00.000Z' })];
    expect(chooseAccount(states, SMALL, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'b' });
  });

  it('skips excluded, disabled and exhausted accounts', () => {
    const states = [
      account('a', { priority: 1 }),
      account('b', { priority: 2, disabled: true, disabledReason: 'Chart-IMG 403: Forbidden' }),
      account('c', { priority: 3, exhaustedUntil: new Date('2025-12-16T00:00:00Z') }),
      account('d', { priority: 4, usageToday: 44 }),
      account('e', { priority: 5 }),
    ];
    expect(chooseAccount(states, SMALL, new Set(['a']), NOW)).toEqual({ type: 'chosen', accountId: 'e' });
  });

  it('uses an account again once its exhaustedUntil has passed', () => {
    const states = [account('a', { exhaustedUntil: new Date('2025-12-15T00:00:00Z') })];
    expect(chooseAccount(states, SMALL, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'a' });
  });

  it('never picks an account whose plan cannot serve the resolution or parameter count', () => {
    const states = [account('basic', { priority: 1 }), account('pro', { plan: 'PRO', priority: 2 }), account('mega', { plan: 'MEGA', priority: 3 })];
    expect(chooseAccount(states, { width: 1920, height: 1080, parameterCount: 2 }, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'pro' });
    expect(chooseAccount(states, { width: 800, height: 600, parameterCount: 4 }, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'pro' });
    expect(chooseAccount(states, { width: 800, height: 600, parameterCount: 6 }, NONE, NOW)).toEqual({ type: 'chosen', accountId: 'mega' });
  });

  it('reports all-exhausted with the exhausted and disabled ids', () => {
    const states = [
      account('a', { usageToday: 44 }),
      account('b', { exhaustedUntil: new Date('2025-12-16T00:00:00Z') }),
      account('c', { disabled: true, disabledReason: 'key rejected' }),
    ];
    expect(chooseAccount(states, SMALL, NONE, NOW)).toEqual({
      type: 'none',
      reason: 'all-exhausted',
      exhaustedAccountIds: ['a', 'b'],
      disabledAccountIds: ['c'],
    });
  });

  it('reports no-plan-fits when an account has quota but none can serve the demand', () => {
    const states = [account('a'), account('b', { plan: 'PRO', usageToday: 44 })];
    expect(chooseAccount(states, { width: 1920, height: 1080, parameterCount: 1 }, NONE, NOW)).toEqual({
      type: 'none',
      reason: 'no-plan-fits',
      exhaustedAccountIds: ['b'],
      disabledAccountIds: [],
    });
  });

  it('reports no-accounts when there are none, or all are disabled or excluded', () => {
    expect(chooseAccount([], SMALL, NONE, NOW)).toMatchObject({ type: 'none', reason: 'no-accounts' });
    const states = [account('a', { disabled: true }), account('b')];
    expect(chooseAccount(states, SMALL, new Set(['b']), NOW)).toEqual({
      type: 'none',
      reason: 'no-accounts',
      exhaustedAccountIds: [],
      disabledAccountIds: ['a'],
    });
  });
});
