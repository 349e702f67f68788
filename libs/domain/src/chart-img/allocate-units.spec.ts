import { describe, expect, it } from '@jest/globals';
import type { ChartImgPlan } from '../contracts/accounts-config.schema.js';
import type { RenderDemand } from '../ports/account-pool.js';
import type { AccountState } from './account-state.js';
import { allocateUnits, sendCapacity, type UnitGrant } from './allocate-units.js';
import { PLAN_LIMITS } from './plan-limits.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const SMALL: RenderDemand = { width: 800, height: 600, parameterCount: 2 };
const account = (id: string, overrides: Partial<AccountState> = {}): AccountState => ({
  id,
  plan: 'PRO',
  priority: 100,
  dailyLimit: 500,
  usageToday: 0,
  windowStart: '2026-03-01T00:00:00.000Z',
  ...overrides,
});
const wanted = (count: number, exclude: ReadonlySet<string> = new Set()) => Array.from({ length: count }, () => ({ demand: SMALL, exclude }));
const chosen = (grants: UnitGrant[]) => grants.flatMap((grant) => (grant.type === 'chosen' ? [grant] : []));
const sentNowOn = (grants: UnitGrant[], id: string) => chosen(grants).filter((g) => g.accountId === id && g.sendAt.getTime() === NOW.getTime()).length;

describe('allocateUnits', () => {
  it('puts every unit of a small step on the first account by priority', () => {
    const { grants } = allocateUnits([account('second', { priority: 2 }), account('first', { priority: 1 })], wanted(5), NOW);

    expect(chosen(grants).map((g) => g.accountId)).toEqual(['first', 'first', 'first', 'first', 'first']);
    expect(chosen(grants).every((g) => g.sendAt.getTime() === NOW.getTime())).toBe(true);
  });

  it('never asks an account for more than its burst at once: the rest goes to the next account by priority', () => {
    const states = [account('first', { priority: 1 }), account('second', { priority: 2 }), account('third', { priority: 3 })];
    const { grants } = allocateUnits(states, wanted(20), NOW);

    expect(sentNowOn(grants, 'first')).toBe(PLAN_LIMITS.PRO.burst);
    expect(sentNowOn(grants, 'second')).toBe(5);
    expect(sentNowOn(grants, 'third')).toBe(0);
  });

  it('schedules units past every account’s burst one interval apart instead of sending them at once', () => {
    const { grants } = allocateUnits([account('basic', { plan: 'BASIC', dailyLimit: 50 })], wanted(5), NOW);

    expect(chosen(grants).map((g) => g.sendAt.getTime() - NOW.getTime())).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('spends no more than the remaining quota and says which accounts ran out', () => {
    const { grants, states } = allocateUnits([account('a', { dailyLimit: 2 })], wanted(3), NOW);

    expect(chosen(grants)).toHaveLength(2);
    expect(grants[2]).toMatchObject({ type: 'none', reason: 'all-exhausted', exhaustedAccountIds: ['a'] });
    expect(states[0]).toMatchObject({ usageToday: 2 });
  });

  it('honours each unit’s excluded accounts', () => {
    const { grants } = allocateUnits([account('first', { priority: 1 }), account('second', { priority: 2 })], wanted(2, new Set(['first'])), NOW);

    expect(chosen(grants).map((g) => g.accountId)).toEqual(['second', 'second']);
  });

  it('opens today’s window on an account last used on an earlier UTC day', () => {
    const { states } = allocateUnits([account('a', { usageToday: 40, dailyLimit: 44, windowStart: '2026-02-28T00:00:00.000Z' })], wanted(1), NOW);

    expect(states[0]).toMatchObject({ usageToday: 1, windowStart: '2026-03-01T00:00:00.000Z' });
  });
});

describe('sendCapacity', () => {
  const plans = (...list: ChartImgPlan[]) => list.map((plan, i) => account(`acc-${i}`, { plan, dailyLimit: 1000 }));

  it('is the sum of the usable accounts’ burst left', () => {
    expect(sendCapacity(plans('PRO', 'PRO'), NOW)).toBe(30);
    expect(sendCapacity(plans('BASIC'), NOW)).toBe(3);
    const { states } = allocateUnits(plans('BASIC', 'PRO'), wanted(4), NOW);
    expect(sendCapacity(states, NOW)).toBe(14);
  });

  it('counts no disabled or exhausted account, and no more than an account’s remaining quota', () => {
    const states = [
      account('off', { disabled: true }),
      account('spent', { exhaustedUntil: new Date('2026-03-02T00:00:00Z') }),
      account('nearly', { dailyLimit: 10, usageToday: 8 }),
    ];

    expect(sendCapacity(states, NOW)).toBe(2);
  });
});
