import { describe, expect, it } from '@jest/globals';
import type { ChartImgAccount } from '../contracts/accounts-config.schema.js';
import type { RenderDemand } from '../ports/account-pool.js';
import { FakeClock } from './fake-clock.js';
import { InMemoryAccountPool } from './in-memory-account-pool.js';

const SMALL: RenderDemand = { width: 800, height: 600, parameterCount: 2 };
const LARGE: RenderDemand = { width: 1920, height: 1080, parameterCount: 2 };
const NONE = new Set<string>();

const account = (id: string, overrides: Partial<ChartImgAccount> = {}): ChartImgAccount => ({
  id,
  apiKey: `secret-key-of-${id}`,
  dailyLimit: 44,
  priority: 100,
  plan: 'BASIC',
  ...overrides,
});

const reservedId = async (pool: InMemoryAccountPool, demand = SMALL, exclude: ReadonlySet<string> = NONE) => {
  const result = await pool.reserve(demand, exclude);
  return result.type === 'reserved' ? result.reservation.accountId : result;
};

describe('InMemoryAccountPool', () => {
  it('reserves on the lowest priority, then the most remaining quota, then the id', async () => {
    const clock = new FakeClock('2025-12-15T10:00:00Z');
    const pool = new InMemoryAccountPool([account('b'), account('a'), account('backup', { priority: 200 }), account('roomy', { dailyLimit: 50 })], clock);

    expect(await reservedId(pool)).toBe('roomy');
    expect(await reservedId(pool)).toBe('roomy'); // 49 left vs 44
    expect(await reservedId(pool, SMALL, new Set(['roomy']))).toBe('a');
    expect(await reservedId(pool, SMALL, new Set(['roomy', 'a']))).toBe('b');
    expect(await reservedId(pool, SMALL, new Set(['roomy', 'a', 'b']))).toBe('backup');
  });

  it('returns the plan with the reservation and never the key', async () => {
    const pool = new InMemoryAccountPool([account('pro', { plan: 'PRO' })], new FakeClock());

    const result = await pool.reserve(SMALL, NONE);

    expect(result).toEqual({
      type: 'reserved',
      reservation: { accountId: 'pro', plan: 'PRO', windowStart: '2025-12-15T00:00:00.000Z', sendAt: new Date('2025-12-15T10:26:12Z') },
    });
    expect(JSON.stringify([result, pool, pool.snapshot()])).not.toContain('secret-key');
  });

  it('grants exactly dailyLimit reservations when many are made at once', async () => {
    const pool = new InMemoryAccountPool([account('a', { dailyLimit: 10 })], new FakeClock());

    const results = await Promise.all(Array.from({ length: 30 }, () => pool.reserve(SMALL, NONE)));

    expect(results.filter((r) => r.type === 'reserved')).toHaveLength(10);
    expect(results.at(-1)).toEqual({ type: 'unavailable', reason: 'all-exhausted', exhaustedAccountIds: ['a'], disabledAccountIds: [] });
    expect(pool.snapshot()[0]).toMatchObject({ usageToday: 10, remaining: 0 });
  });

  it('routes a render only to accounts whose plan can serve it', async () => {
    const pool = new InMemoryAccountPool([account('basic', { priority: 1 }), account('pro', { plan: 'PRO', priority: 2 })], new FakeClock());

    expect(await reservedId(pool, LARGE)).toBe('pro');
    expect(await reservedId(pool, LARGE, new Set(['pro']))).toMatchObject({ type: 'unavailable', reason: 'no-plan-fits' });
  });

  it('answers no-accounts when there are none', async () => {
    await expect(new InMemoryAccountPool([], new FakeClock()).reserve(SMALL, NONE)).resolves.toEqual({
      type: 'unavailable',
      reason: 'no-accounts',
      exhaustedAccountIds: [],
      disabledAccountIds: [],
    });
  });

  it('starts the counters again at the next UTC midnight', async () => {
    const clock = new FakeClock('2025-12-15T23:59:59Z');
    const pool = new InMemoryAccountPool([account('a', { dailyLimit: 1 })], clock);
    expect(await reservedId(pool)).toBe('a');
    await pool.record({ accountId: 'a', plan: 'BASIC' }, { type: 'succeeded' });
    expect(await reservedId(pool)).toMatchObject({ type: 'unavailable', reason: 'all-exhausted' });

    clock.set('2025-12-16T00:00:00Z');

    expect(pool.snapshot()[0]).toMatchObject({ usageToday: 0, successToday: 0, remaining: 1, windowStart: '2025-12-16T00:00:00.000Z' });
    expect(await reservedId(pool)).toBe('a');
  });

  it('counts successes and failures of the day', async () => {
    const pool = new InMemoryAccountPool([account('a')], new FakeClock());
    const reservation = { accountId: 'a', plan: 'BASIC' } as const;

    await pool.record(reservation, { type: 'succeeded' });
    await pool.record(reservation, { type: 'succeeded' });
    await pool.record(reservation, { type: 'failed' });

    expect(pool.snapshot()[0]).toMatchObject({ successToday: 2, failureToday: 1 });
  });

  it('marks an account exhausted until the end of its UTC day on quota-exhausted', async () => {
    const clock = new FakeClock('2025-12-15T10:00:00Z');
    const pool = new InMemoryAccountPool([account('a', { priority: 1 }), account('b', { priority: 2 })], clock);

    await pool.record({ accountId: 'a', plan: 'BASIC' }, { type: 'quota-exhausted' });

    expect(pool.snapshot()[0]).toMatchObject({ exhaustedUntil: new Date('2025-12-16T00:00:00Z'), failureToday: 1, usageToday: 0 });
    expect(await reservedId(pool)).toBe('b');
    clock.set('2025-12-16T00:00:00Z');
    expect(await reservedId(pool)).toBe('a');
  });

  it('disables an account with the reason on key-rejected, across days', async () => {
    const clock = new FakeClock('2025-12-15T10:00:00Z');
    const pool = new InMemoryAccountPool([account('a', { priority: 1 }), account('b', { priority: 2 })], clock);

    await pool.record({ accountId: 'a', plan: 'BASIC' }, { type: 'key-rejected', reason: '403 Forbidden' });
    clock.set('2025-12-20T10:00:00Z');

    expect(pool.snapshot()[0]).toMatchObject({ disabled: true, disabledReason: '403 Forbidden' });
    expect(await reservedId(pool)).toBe('b');
    expect(await reservedId(pool, SMALL, new Set(['b']))).toMatchObject({ type: 'unavailable', disabledAccountIds: ['a'] });
  });

  it('rejects an outcome for an account it does not hold', async () => {
    const pool = new InMemoryAccountPool([account('a')], new FakeClock());

    await expect(pool.record({ accountId: 'ghost', plan: 'BASIC' }, { type: 'succeeded' })).rejects.toThrow('account "ghost" is not in the pool');
  });

  it('starts from seeded usage, honouring a dailyLimit override and ignoring unknown accounts', async () => {
    const clock = new FakeClock('2025-12-15T10:00:00Z');
    const pool = new InMemoryAccountPool([account('a'), account('b')], clock, [
      { id: 'a', usageToday: 43, windowStart: '2025-12-15T00:00:00.000Z', successToday: 40, failureToday: 3 },
      { id: 'b', dailyLimit: 5, usageToday: 9, windowStart: '2025-12-14T00:00:00.000Z' },
      { id: 'gone', usageToday: 1 },
    ]);

    expect(pool.snapshot()).toMatchObject([
      { id: 'a', usageToday: 43, remaining: 1, successToday: 40, failureToday: 3 },
      { id: 'b', dailyLimit: 5, usageToday: 0, remaining: 5 },
    ]);
    expect(pool.snapshot()).toHaveLength(2);
  });

  it('refuses a configuration with the same id twice', () => {
    expect(() => new InMemoryAccountPool([account('a'), account('a')], new FakeClock())).toThrow('account id "a" is configured twice');
  });

  it("gives an account left at its id the accounts file's defaults: BASIC, priority 100, 44 a day", async () => {
    const pool = new InMemoryAccountPool([{ id: 'bare' }, { id: 'first', priority: 1, dailyLimit: 2 }], new FakeClock());

    expect(pool.snapshot()).toMatchObject([
      { id: 'bare', plan: 'BASIC', priority: 100, dailyLimit: 44 },
      { id: 'first', plan: 'BASIC', priority: 1, dailyLimit: 2 },
    ]);
    expect(await reservedId(pool, LARGE)).toMatchObject({ type: 'unavailable' });
  });

  it('keeps the account of every reservation, release and outcome in order', async () => {
    const pool = new InMemoryAccountPool([account('a', { priority: 1 }), account('b', { priority: 2 })], new FakeClock());
    const first = await pool.reserve(SMALL, NONE);
    const second = await pool.reserve(SMALL, new Set(['a']));
    if (first.type !== 'reserved' || second.type !== 'reserved') throw new Error('both reservations should succeed');

    await pool.release(second.reservation);
    await pool.record(first.reservation, { type: 'succeeded' });

    expect(pool.reservations).toEqual(['a', 'b']);
    expect(pool.releases).toEqual(['b']);
    expect(pool.outcomes).toEqual([{ accountId: 'a', outcome: { type: 'succeeded' } }]);
  });
});
