import type { ChartImgAccount, ChartImgPlan } from '../contracts/accounts-config.schema.js';
import type { AccountPool, RenderDemand, ReserveResult } from '../ports/account-pool.js';
import { FakeClock } from './fake-clock.js';

/** What a contract run needs from an adapter: a fresh pool over `accounts`, reading time from `clock`. */
export type AccountPoolFactory = (accounts: ChartImgAccount[], clock: FakeClock) => Promise<{ pool: AccountPool; dispose?: () => Promise<void> }>;

const SMALL: RenderDemand = { width: 800, height: 600, parameterCount: 2 };
const NOON = '2026-03-01T12:00:00Z';

function account(id: string, overrides: Partial<Omit<ChartImgAccount, 'id'>> = {}): ChartImgAccount {
  return { id, apiKey: `contract-key-${id}`, dailyLimit: 10, priority: 100, plan: 'BASIC' as ChartImgPlan, ...overrides };
}

function reservedId(result: ReserveResult): string | undefined {
  return result.type === 'reserved' ? result.reservation.accountId : undefined;
}

interface Matchers {
  readonly not: Matchers;
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toMatchObject(expected: Record<string, unknown>): void;
  toHaveLength(length: number): void;
  toBeUndefined(): void;
  toContain(expected: unknown): void;
}

/** The test-runner globals the suite uses (jest's, or any runner with the same names). */
interface TestGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  afterEach(body: () => Promise<void>): void;
  expect(actual: unknown): Matchers;
}

/**
 * The runner's globals, read when the suite is declared rather than imported, so that
 * `@worker-chart-export/domain/testing` stays importable without a test framework.
 */
function testGlobals(): TestGlobals {
  const candidate = globalThis as Partial<TestGlobals>;
  if (
    typeof candidate.describe !== 'function' ||
    typeof candidate.it !== 'function' ||
    typeof candidate.expect !== 'function' ||
    typeof candidate.afterEach !== 'function'
  ) {
    throw new Error('describeAccountPoolContract must be called from a test file run by jest (describe/it/expect/afterEach globals)');
  }
  return candidate as TestGlobals;
}

/**
 * The behaviour every {@link AccountPool} adapter shares, as a jest suite:
 * call it from a spec with a factory building the adapter over the given accounts and clock.
 * Each test builds its own pool (and disposes of it), so adapters with shared storage must
 * start each factory call from empty state.
 */
export function describeAccountPoolContract(name: string, factory: AccountPoolFactory): void {
  const { describe, it, afterEach, expect } = testGlobals();
  describe(`${name} (AccountPool contract)`, () => {
    let disposers: (() => Promise<void>)[] = [];

    async function poolOf(accounts: ChartImgAccount[], clock = new FakeClock(NOON)): Promise<AccountPool> {
      const built = await factory(accounts, clock);
      if (built.dispose) disposers.push(built.dispose);
      return built.pool;
    }

    async function reserveIds(pool: AccountPool, times: number, demand = SMALL): Promise<(string | undefined)[]> {
      const ids: (string | undefined)[] = [];
      for (let i = 0; i < times; i += 1) ids.push(reservedId(await pool.reserve(demand, new Set())));
      return ids;
    }

    afterEach(async () => {
      const pending = disposers;
      disposers = [];
      for (const dispose of pending) await dispose();
    });

    it('reserves on the account with the lowest priority first', async () => {
      const pool = await poolOf([account('acc-a', { priority: 10 }), account('acc-b', { priority: 5 }), account('acc-c', { priority: 20 })]);

      expect(await pool.reserve(SMALL, new Set())).toMatchObject({ type: 'reserved', reservation: { accountId: 'acc-b', plan: 'BASIC' } });
    });

    it('among equal priorities, reserves on the account with the most remaining quota, then the smallest id', async () => {
      const pool = await poolOf([account('acc-y', { dailyLimit: 4 }), account('acc-x', { dailyLimit: 2 }), account('acc-z', { dailyLimit: 2 })]);

      expect(await reserveIds(pool, 6)).toEqual(['acc-y', 'acc-y', 'acc-x', 'acc-y', 'acc-z', 'acc-x']);
    });

    it('carries the account’s plan in the reservation and never its key', async () => {
      const pool = await poolOf([account('acc-pro', { plan: 'PRO' })]);

      const result = await pool.reserve(SMALL, new Set());

      expect(result).toMatchObject({ type: 'reserved', reservation: { accountId: 'acc-pro', plan: 'PRO' } });
      expect(result.type === 'reserved' && Object.keys(result.reservation).sort()).toEqual(['accountId', 'plan', 'sendAt', 'windowStart']);
      expect(result.type === 'reserved' && Date.parse(result.reservation.windowStart ?? '')).toBe(Date.parse('2026-03-01T00:00:00Z'));
      expect(JSON.stringify(result)).not.toContain('contract-key');
    });

    it('never reserves on an excluded account', async () => {
      const pool = await poolOf([account('acc-a', { priority: 1 }), account('acc-b', { priority: 2 })]);

      expect(reservedId(await pool.reserve(SMALL, new Set(['acc-a'])))).toBe('acc-b');
      expect(await pool.reserve(SMALL, new Set(['acc-a', 'acc-b']))).toMatchObject({ type: 'unavailable' });
    });

    it('grants exactly dailyLimit units, then answers all-exhausted naming the exhausted accounts', async () => {
      const pool = await poolOf([account('acc-a', { dailyLimit: 2 }), account('acc-b', { dailyLimit: 1 })]);

      expect(await reserveIds(pool, 3)).toEqual(['acc-a', 'acc-a', 'acc-b']);
      const result = await pool.reserve(SMALL, new Set());

      expect(result).toMatchObject({ type: 'unavailable', reason: 'all-exhausted', disabledAccountIds: [] });
      expect(result.type === 'unavailable' && [...result.exhaustedAccountIds].sort()).toEqual(['acc-a', 'acc-b']);
    });

    it('counts a reserved unit whatever the call’s outcome', async () => {
      const pool = await poolOf([account('acc-a', { dailyLimit: 2 })]);

      for (let i = 0; i < 2; i += 1) {
        const result = await pool.reserve(SMALL, new Set());
        if (result.type === 'reserved') await pool.record(result.reservation, { type: 'failed' });
      }

      expect(await pool.reserve(SMALL, new Set())).toMatchObject({ type: 'unavailable', reason: 'all-exhausted', exhaustedAccountIds: ['acc-a'] });
    });

    it('gives back the unit of a call that was never sent, so it can be reserved again', async () => {
      const pool = await poolOf([account('acc-a', { dailyLimit: 2 })]);
      const first = await pool.reserve(SMALL, new Set());
      if (first.type !== 'reserved') throw new Error('expected a reservation');
      await pool.reserve(SMALL, new Set());
      expect(await pool.reserve(SMALL, new Set())).toMatchObject({ type: 'unavailable', reason: 'all-exhausted' });

      await pool.release(first.reservation);

      expect(reservedId(await pool.reserve(SMALL, new Set()))).toBe('acc-a');
      expect(await pool.reserve(SMALL, new Set())).toMatchObject({ type: 'unavailable', reason: 'all-exhausted' });
    });

    it('gives back each unit once: releasing more units than were reserved never grants more than dailyLimit', async () => {
      const pool = await poolOf([account('acc-a', { dailyLimit: 2 })]);
      const first = await pool.reserve(SMALL, new Set());
      if (first.type !== 'reserved') throw new Error('expected a reservation');

      await pool.release(first.reservation);
      await pool.release(first.reservation);

      expect(await reserveIds(pool, 3)).toEqual(['acc-a', 'acc-a', undefined]);
    });

    it('gives back nothing for a unit of a UTC day that has ended', async () => {
      const clock = new FakeClock('2026-03-01T23:59:59Z');
      const pool = await poolOf([account('acc-a', { dailyLimit: 2 })], clock);
      const yesterday = await pool.reserve(SMALL, new Set());
      if (yesterday.type !== 'reserved') throw new Error('expected a reservation');
      clock.set('2026-03-02T00:00:01Z');
      await reserveIds(pool, 2);

      await pool.release(yesterday.reservation);

      expect(await pool.reserve(SMALL, new Set())).toMatchObject({ type: 'unavailable', reason: 'all-exhausted' });
    });

    it('gives back units of concurrent releases exactly once each', async () => {
      const pool = await poolOf([account('acc-a', { dailyLimit: 6 })]);
      const reserved = await Promise.all(Array.from({ length: 6 }, () => pool.reserve(SMALL, new Set())));

      await Promise.all(reserved.slice(0, 4).map((result) => (result.type === 'reserved' ? pool.release(result.reservation) : Promise.resolve())));

      expect(await reserveIds(pool, 5)).toEqual(['acc-a', 'acc-a', 'acc-a', 'acc-a', undefined]);
    });

    it('keeps an account in use after a succeeded or failed call', async () => {
      const pool = await poolOf([account('acc-a')]);
      const first = await pool.reserve(SMALL, new Set());
      if (first.type !== 'reserved') throw new Error('expected a reservation');

      await pool.record(first.reservation, { type: 'succeeded' });
      await pool.record(first.reservation, { type: 'failed' });

      expect(reservedId(await pool.reserve(SMALL, new Set()))).toBe('acc-a');
    });

    it('exhausts an account on quota-exhausted until its UTC day ends, then serves it again with fresh quota', async () => {
      const clock = new FakeClock('2026-03-01T22:00:00Z');
      const pool = await poolOf([account('acc-a', { priority: 1, dailyLimit: 3 }), account('acc-b', { priority: 2, dailyLimit: 3 })], clock);
      const first = await pool.reserve(SMALL, new Set());
      if (first.type !== 'reserved') throw new Error('expected a reservation');

      await pool.record(first.reservation, { type: 'quota-exhausted' });
      expect(reservedId(await pool.reserve(SMALL, new Set()))).toBe('acc-b');
      expect(await pool.reserve(SMALL, new Set(['acc-b']))).toMatchObject({ type: 'unavailable', reason: 'all-exhausted', exhaustedAccountIds: ['acc-a'] });

      clock.set('2026-03-01T23:59:59.999Z');
      expect(reservedId(await pool.reserve(SMALL, new Set(['acc-b'])))).toBeUndefined();

      clock.set('2026-03-02T00:00:00Z');
      expect(await reserveIds(pool, 4)).toEqual(['acc-a', 'acc-a', 'acc-a', 'acc-b']);
    });

    it('resets every account’s usage when a new UTC day starts', async () => {
      const clock = new FakeClock('2026-03-01T23:59:00Z');
      const pool = await poolOf([account('acc-a', { dailyLimit: 2 })], clock);
      await reserveIds(pool, 2);
      expect(await pool.reserve(SMALL, new Set())).toMatchObject({ type: 'unavailable', reason: 'all-exhausted' });

      clock.advance(60_000);

      expect(await reserveIds(pool, 3)).toEqual(['acc-a', 'acc-a', undefined]);
    });

    it('disables an account whose key was rejected, for good', async () => {
      const clock = new FakeClock(NOON);
      const pool = await poolOf([account('acc-a', { priority: 1 }), account('acc-b', { priority: 2 })], clock);
      const first = await pool.reserve(SMALL, new Set());
      if (first.type !== 'reserved') throw new Error('expected a reservation');

      await pool.record(first.reservation, { type: 'key-rejected', reason: 'Forbidden' });
      clock.advance(86_400_000);

      expect(reservedId(await pool.reserve(SMALL, new Set()))).toBe('acc-b');
      expect(await pool.reserve(SMALL, new Set(['acc-b']))).toMatchObject({ type: 'unavailable', disabledAccountIds: ['acc-a'] });
    });

    it('answers no-plan-fits when only BASIC accounts exist for a 1920x1080 render or 4 studies+drawings', async () => {
      const pool = await poolOf([account('acc-basic-1'), account('acc-basic-2')]);

      expect(await pool.reserve({ width: 1920, height: 1080, parameterCount: 1 }, new Set())).toMatchObject({ type: 'unavailable', reason: 'no-plan-fits' });
      expect(await pool.reserve({ width: 800, height: 600, parameterCount: 4 }, new Set())).toMatchObject({ type: 'unavailable', reason: 'no-plan-fits' });
      expect(reservedId(await pool.reserve(SMALL, new Set()))).toBe('acc-basic-1');
    });

    it('after the provider refused a render on a plan, reserves only on a larger plan in the limit it named', async () => {
      const pool = await poolOf([
        account('acc-pro-1', { priority: 1, plan: 'PRO' }),
        account('acc-pro-2', { priority: 2, plan: 'PRO' }),
        account('acc-mega', { priority: 3, plan: 'MEGA' }),
      ]);
      const demand: RenderDemand = { width: 1920, height: 1080, parameterCount: 2, refusedPlans: [{ plan: 'PRO', limit: 'resolution' }] };

      expect(reservedId(await pool.reserve(demand, new Set(['acc-pro-1'])))).toBe('acc-mega');
      expect(await pool.reserve(demand, new Set(['acc-pro-1', 'acc-mega']))).toMatchObject({ type: 'unavailable', reason: 'no-plan-fits' });
    });

    it('routes a render to an account whose plan can serve it, even past a preferred smaller plan', async () => {
      const pool = await poolOf([account('acc-basic', { priority: 1 }), account('acc-pro', { priority: 50, plan: 'PRO' })]);

      expect(reservedId(await pool.reserve({ width: 1920, height: 1080, parameterCount: 5 }, new Set()))).toBe('acc-pro');
      expect(reservedId(await pool.reserve(SMALL, new Set()))).toBe('acc-basic');
    });

    it('answers no-accounts when none is configured', async () => {
      const pool = await poolOf([]);

      expect(await pool.reserve(SMALL, new Set())).toEqual({ type: 'unavailable', reason: 'no-accounts', exhaustedAccountIds: [], disabledAccountIds: [] });
    });

    it('hands out send times on the key’s plan: a burst at once, then one per interval', async () => {
      const clock = new FakeClock(NOON);
      const pool = await poolOf([account('acc-basic', { dailyLimit: 50 })], clock);

      const results = await Promise.all(Array.from({ length: 5 }, () => pool.reserve(SMALL, new Set())));

      // BASIC: 1 call/s, burst 3.
      const offsets = results.map((result) =>
        result.type === 'reserved' ? (result.reservation.sendAt?.getTime() ?? Number.NaN) - Date.parse(NOON) : undefined,
      );
      expect(offsets.sort((a, b) => (a as number) - (b as number))).toEqual([0, 0, 0, 1000, 2000]);
      clock.advance(10_000);
      expect((await pool.reserve(SMALL, new Set())).type === 'reserved').toBe(true);
    });

    it('passes over an account whose burst is spent for one that can send at once, priority deciding among those', async () => {
      const pool = await poolOf([
        account('acc-first', { priority: 1, dailyLimit: 50 }),
        account('acc-second', { priority: 2, dailyLimit: 50 }),
        account('acc-third', { priority: 3, dailyLimit: 50 }),
      ]);

      const ids = await Promise.all(Array.from({ length: 7 }, () => pool.reserve(SMALL, new Set()).then(reservedId)));

      // BASIC burst 3: never more than three at once on an account; the first by priority takes its three first.
      expect(ids.sort()).toEqual(['acc-first', 'acc-first', 'acc-first', 'acc-second', 'acc-second', 'acc-second', 'acc-third']);
    });

    it('grants exactly dailyLimit of 30 concurrent reservations', async () => {
      const pool = await poolOf([account('acc-a', { dailyLimit: 10 })]);

      const results = await Promise.all(Array.from({ length: 30 }, () => pool.reserve(SMALL, new Set())));

      expect(results.filter((result) => result.type === 'reserved')).toHaveLength(10);
      expect(results.filter((result) => result.type === 'unavailable' && result.reason === 'all-exhausted')).toHaveLength(20);
    });
  });
}
