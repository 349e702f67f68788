import { expect, it } from '@jest/globals';
import type { ChartImgAccount, RenderDemand } from '@worker-chart-export/domain';
import { FakeClock } from '@worker-chart-export/domain/testing';
import { describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreAccountPool } from './firestore-account-pool.js';

const SMALL: RenderDemand = { width: 800, height: 600, parameterCount: 2 };
const LARGE: RenderDemand = { width: 1920, height: 1080, parameterCount: 5 };
const NONE = new Set<string>();

function anAccount(id: string, overrides: Partial<ChartImgAccount> = {}): ChartImgAccount {
  return { id, apiKey: `key-${id}-secret`, dailyLimit: 44, priority: 100, plan: 'BASIC', ...overrides };
}

describeWithFirestoreEmulator('FirestoreAccountPool', () => {
  const emulator = useEmulatorFirestore('account-pool');
  const usageDoc = (id: string) => emulator.db().collection('chart_img_accounts_usage').doc(id);
  const usage = async (id: string) => (await usageDoc(id).get()).data();

  function pool(accounts: ChartImgAccount[], clock = new FakeClock('2025-12-15T10:26:12Z')): FirestoreAccountPool {
    return new FirestoreAccountPool(emulator.db(), accounts, clock);
  }

  it('reserves on the lowest priority, counting the unit in the UTC day window, with no key stored', async () => {
    const accounts = [anAccount('acc-b', { priority: 5 }), anAccount('acc-a', { priority: 10 })];

    const result = await pool(accounts).reserve(SMALL, NONE);

    expect(result).toEqual({
      type: 'reserved',
      reservation: { accountId: 'acc-b', plan: 'BASIC', windowStart: '2025-12-15T00:00:00Z', sendAt: new Date('2025-12-15T10:26:12Z') },
    });
    expect(await usage('acc-b')).toEqual({
      usageToday: 1,
      windowStart: '2025-12-15T00:00:00Z',
      successToday: 0,
      failureToday: 0,
      lastUsedAt: '2025-12-15T10:26:12Z',
      // BASIC: one call a second.
      nextSendAt: '2025-12-15T10:26:13.000Z',
    });
    expect(await usage('acc-a')).toBeUndefined();
    expect(JSON.stringify(await usage('acc-b'))).not.toContain('secret');
  });

  it('grants exactly 10 of 30 concurrent reservations on an account with dailyLimit 10', async () => {
    const accounts = [anAccount('acc-1', { dailyLimit: 10 })];

    const results = await Promise.all(Array.from({ length: 30 }, () => pool(accounts).reserve(SMALL, NONE)));

    expect(results.filter((result) => result.type === 'reserved')).toHaveLength(10);
    expect(results.filter((result) => result.type === 'unavailable')).toEqual(
      Array.from({ length: 20 }, () => ({
        type: 'unavailable',
        reason: 'all-exhausted',
        exhaustedAccountIds: ['acc-1'],
        disabledAccountIds: [],
      })),
    );
    expect(await usage('acc-1')).toMatchObject({ usageToday: 10 });
  }, 30_000);

  it('takes the dailyLimit from the usage document over the configuration', async () => {
    await usageDoc('acc-1').set({ dailyLimit: 1 });
    const accounts = [anAccount('acc-1', { dailyLimit: 44 })];

    await expect(pool(accounts).reserve(SMALL, NONE)).resolves.toMatchObject({ type: 'reserved' });
    await expect(pool(accounts).reserve(SMALL, NONE)).resolves.toMatchObject({ reason: 'all-exhausted' });
    await expect(pool(accounts).status()).resolves.toMatchObject([{ id: 'acc-1', used: 1, limit: 1, remaining: 0 }]);
  });

  it('starts a new window at UTC midnight: usage and counters back to 0', async () => {
    const clock = new FakeClock('2025-12-15T23:59:58Z');
    const accounts = [anAccount('acc-1', { dailyLimit: 2 })];
    const reservations = [await pool(accounts, clock).reserve(SMALL, NONE), await pool(accounts, clock).reserve(SMALL, NONE)];
    for (const result of reservations) {
      if (result.type === 'reserved') await pool(accounts, clock).record(result.reservation, { type: 'succeeded' });
    }
    await expect(pool(accounts, clock).reserve(SMALL, NONE)).resolves.toMatchObject({ reason: 'all-exhausted' });

    clock.set('2025-12-16T00:00:01Z');
    await expect(pool(accounts, clock).status()).resolves.toMatchObject([{ used: 0, remaining: 2, successToday: 0 }]);
    const next = await pool(accounts, clock).reserve(SMALL, NONE);

    expect(next).toMatchObject({ type: 'reserved' });
    expect(await usage('acc-1')).toEqual({
      usageToday: 1,
      windowStart: '2025-12-16T00:00:00Z',
      successToday: 0,
      failureToday: 0,
      lastUsedAt: '2025-12-16T00:00:01Z',
      nextSendAt: '2025-12-16T00:00:02.000Z',
    });
  });

  it('shares each key’s send schedule between pools of different processes: together they never exceed the burst', async () => {
    const clock = new FakeClock('2025-12-15T10:26:12Z');
    const accounts = [anAccount('acc-basic', { dailyLimit: 50 })];
    const workers = [pool(accounts, clock), pool(accounts, clock), pool(accounts, clock), pool(accounts, clock)];

    const results = await Promise.all(workers.flatMap((worker) => Array.from({ length: 5 }, () => worker.reserve(SMALL, NONE))));

    // BASIC (1 call/s, burst 3): 3 at once, then one a second, across all four pools.
    const offsets = results.map((result) =>
      result.type === 'reserved' ? (result.reservation.sendAt?.getTime() ?? Number.NaN) - clock.now().getTime() : undefined,
    );
    expect(offsets.sort((a, b) => (a as number) - (b as number))).toEqual([0, 0, 0, ...Array.from({ length: 17 }, (_, i) => (i + 1) * 1000)]);
    expect(await usage('acc-basic')).toMatchObject({ usageToday: 20, nextSendAt: '2025-12-15T10:26:32.000Z' });
  }, 30_000);

  it('pushes a send time that is not now back by the store’s round-trip, and leaves a send time of now alone', async () => {
    const clock = new FakeClock('2025-12-15T10:26:12Z');
    // Each reading of the clock is 100 ms later: before the read (12.1), the grant (12.2), after the commit (12.3).
    const ticking = { now: () => (clock.advance(100), clock.now()), sleep: (ms: number) => clock.sleep(ms) };
    const worker = new FirestoreAccountPool(emulator.db(), [anAccount('acc-basic', { dailyLimit: 50 })], ticking);

    const results = await Promise.all(Array.from({ length: 4 }, () => worker.reserve(SMALL, NONE)));

    const sendAts = results.map((result) => (result.type === 'reserved' ? result.reservation.sendAt?.toISOString() : undefined));
    // Granted at 12.2: 3 at once, the 4th one interval later plus the 200 ms round-trip.
    expect(sendAts).toEqual(['2025-12-15T10:26:12.200Z', '2025-12-15T10:26:12.200Z', '2025-12-15T10:26:12.200Z', '2025-12-15T10:26:13.400Z']);
  }, 30_000);

  it('knows after a reservation how much burst its accounts have left, without reading again', async () => {
    const clock = new FakeClock('2025-12-15T10:26:12Z');
    const accounts = [anAccount('acc-basic', { priority: 1 }), anAccount('acc-pro', { plan: 'PRO', priority: 2 })];
    const first = pool(accounts, clock);
    expect(first.sendCapacity()).toBe(18);

    await Promise.all(Array.from({ length: 4 }, () => pool(accounts, clock).reserve(SMALL, NONE)));
    await first.reserve(SMALL, NONE);

    // 5 units: 3 on the BASIC key (its whole burst), 2 on the PRO one.
    expect(first.sendCapacity()).toBe(13);
  }, 30_000);

  it('counts successes and failures of the day', async () => {
    const accounts = [anAccount('acc-1')];
    const reservation = { accountId: 'acc-1', plan: 'BASIC' } as const;
    await pool(accounts).reserve(SMALL, NONE);

    await pool(accounts).record(reservation, { type: 'succeeded' });
    await pool(accounts).record(reservation, { type: 'succeeded' });
    await pool(accounts).record(reservation, { type: 'failed' });

    expect(await usage('acc-1')).toMatchObject({ usageToday: 1, successToday: 2, failureToday: 1 });
  });

  it('gives back a unit by decrementing usageToday alone, across workers releasing at once', async () => {
    const accounts = [anAccount('acc-1', { dailyLimit: 10 })];
    const reserved = [];
    for (let i = 0; i < 6; i += 1) reserved.push(await pool(accounts).reserve(SMALL, NONE));

    // One pool instance per release: separate workers, whose writes contend on the same document.
    await Promise.all(reserved.slice(0, 5).map((result) => (result.type === 'reserved' ? pool(accounts).release(result.reservation) : undefined)));

    expect(await usage('acc-1')).toMatchObject({ usageToday: 1, successToday: 0, failureToday: 0, windowStart: '2025-12-15T00:00:00Z' });
  });

  it('gives nothing back for an account with no usage document', async () => {
    await pool([anAccount('acc-1')]).release({ accountId: 'acc-1', plan: 'BASIC', windowStart: '2025-12-15T00:00:00Z' });

    expect((await usageDoc('acc-1').get()).exists).toBe(false);
  });

  it('skips an account exhausted by the provider until its window ends', async () => {
    const clock = new FakeClock('2025-12-15T10:26:12Z');
    const accounts = [anAccount('acc-a', { priority: 1 }), anAccount('acc-b', { priority: 2 })];

    await pool(accounts, clock).record({ accountId: 'acc-a', plan: 'BASIC' }, { type: 'quota-exhausted' });

    expect(await usage('acc-a')).toMatchObject({ exhaustedUntil: '2025-12-16T00:00:00Z', failureToday: 1 });
    await expect(pool(accounts, clock).reserve(SMALL, NONE)).resolves.toMatchObject({
      reservation: { accountId: 'acc-b' },
    });
    await expect(pool(accounts, clock).status()).resolves.toMatchObject([
      { id: 'acc-a', exhaustedUntil: '2025-12-16T00:00:00Z' },
      { id: 'acc-b', used: 1 },
    ]);
    clock.set('2025-12-16T00:00:00Z');
    await expect(pool(accounts, clock).reserve(SMALL, NONE)).resolves.toMatchObject({
      reservation: { accountId: 'acc-a' },
    });
  });

  it('disables an account whose key was rejected, with the reason', async () => {
    const accounts = [anAccount('acc-a')];

    await pool(accounts).record({ accountId: 'acc-a', plan: 'BASIC' }, { type: 'key-rejected', reason: '403 Forbidden' });

    await expect(pool(accounts).reserve(SMALL, NONE)).resolves.toEqual({
      type: 'unavailable',
      reason: 'no-accounts',
      exhaustedAccountIds: [],
      disabledAccountIds: ['acc-a'],
    });
    await expect(pool(accounts).status()).resolves.toMatchObject([{ disabled: true, disabledReason: '403 Forbidden' }]);
  });

  it('routes by plan and honours the exclusion set', async () => {
    const accounts = [anAccount('acc-basic', { priority: 1 }), anAccount('acc-pro', { plan: 'PRO', priority: 2 })];

    await expect(pool(accounts).reserve(LARGE, NONE)).resolves.toMatchObject({ reservation: { accountId: 'acc-pro', plan: 'PRO' } });
    await expect(pool(accounts).reserve(SMALL, new Set(['acc-basic']))).resolves.toMatchObject({
      reservation: { accountId: 'acc-pro' },
    });
    await expect(pool([anAccount('acc-basic')]).reserve(LARGE, NONE)).resolves.toMatchObject({ reason: 'no-plan-fits' });
    await expect(pool([]).reserve(SMALL, NONE)).resolves.toMatchObject({ reason: 'no-accounts' });
  });

  it('reports every configured account for `accounts status`', async () => {
    const accounts = [anAccount('acc-a', { plan: 'PRO', priority: 1, dailyLimit: 5 }), anAccount('acc-b')];
    await pool(accounts).reserve(SMALL, NONE);

    await expect(pool(accounts).status()).resolves.toEqual([
      {
        id: 'acc-a',
        plan: 'PRO',
        priority: 1,
        used: 1,
        limit: 5,
        remaining: 4,
        disabled: false,
        successToday: 0,
        failureToday: 0,
        lastUsedAt: '2025-12-15T10:26:12Z',
      },
      { id: 'acc-b', plan: 'BASIC', priority: 100, used: 0, limit: 44, remaining: 44, disabled: false, successToday: 0, failureToday: 0 },
    ]);
  });
});
