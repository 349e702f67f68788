import type { StepLeaseStore, StoredRender } from '../ports/step-lease-store.js';

/**
 * What a contract run needs from an adapter: a fresh, empty store, and `pass(ms)`, which lets at least `ms`
 * of the store's own clock go by (a fake clock moves; a database's clock is waited for).
 */
export type StepLeaseStoreFactory = () => Promise<{ store: StepLeaseStore; pass: (ms: number) => Promise<void>; dispose?: () => Promise<void> }>;

interface Matchers {
  readonly resolves: AsyncMatchers;
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toMatchObject(expected: Record<string, unknown>): void;
  toBeGreaterThan(expected: number): void;
}

interface AsyncMatchers {
  toEqual(expected: unknown): Promise<void>;
  toMatchObject(expected: Record<string, unknown>): Promise<void>;
  toBeUndefined(): Promise<void>;
}

interface TestGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  expect(actual: unknown): Matchers;
}

/** The runner's globals, read when the suite is declared so this module stays importable without jest. */
function testGlobals(): TestGlobals {
  const candidate = globalThis as Partial<TestGlobals>;
  if (typeof candidate.describe !== 'function' || typeof candidate.it !== 'function' || typeof candidate.expect !== 'function') {
    throw new Error('describeStepLeaseStoreContract must be called from a test file run by jest (describe/it/expect globals)');
  }
  return candidate as TestGlobals;
}

const RUN = '20251215-102530_BTCUSDT_k3f7a';
const STEP = 'charts:1h:all_templates';
const TTL = 60_000;
/** A lease short enough that a contract run can let it expire by the store's own clock. */
const SHORT_TTL = 300;
const render = (chartTemplateId: string, generatedAt = '2025-12-15T10:26:12Z'): StoredRender => ({
  chartTemplateId,
  objectPath: `charts/${RUN}/${STEP}/20251215-102612_BTCUSDT_1h_${chartTemplateId}.png`,
  generatedAt,
  kind: 'price + MA12/26 + Volume',
});
const usage = (calls: number) => ({ calls, succeeded: calls, failed: 0, replayed: 0, byAccount: { 'acc-1': { calls, succeeded: calls, failed: 0 } } });

/**
 * The behaviour every {@link StepLeaseStore} shares, as a jest suite: acquisition, expiry by the store's own
 * clock, fenced record/renew/release, listing expired leases, close.
 */
export function describeStepLeaseStoreContract(name: string, factory: StepLeaseStoreFactory): void {
  const { describe, it, expect } = testGlobals();
  const withStore = (body: (store: StepLeaseStore, pass: (ms: number) => Promise<void>) => Promise<void>) => async () => {
    const { store, pass, dispose } = await factory();
    try {
      await body(store, pass);
    } finally {
      await dispose?.();
    }
  };
  const acquired = async (store: StepLeaseStore, owner: string, ttlMs = TTL, stepId = STEP) => {
    const result = await store.acquire(RUN, stepId, owner, ttlMs);
    if (result.type !== 'acquired') throw new Error(`lease held by ${result.lease.owner}`);
    return result.lease;
  };

  describe(`${name} (StepLeaseStore contract)`, () => {
    it(
      "acquires attempt 1 for the caller with nothing stored, expiring ttl after the store's now",
      withStore(async (store) => {
        const lease = await acquired(store, 'worker-a');
        expect(lease).toMatchObject({ runId: RUN, stepId: STEP, owner: 'worker-a', attempt: 1, storedRenders: [], usageByAttempt: {} });
        expect(lease.expiresAt.getTime() - lease.claimedAt.getTime()).toBe(TTL);
        await expect(store.get(RUN, STEP)).resolves.toEqual(lease);
      }),
    );

    it(
      "reports a live lease of another owner as held, whatever the caller's own clock says",
      withStore(async (store) => {
        await acquired(store, 'worker-a');
        await expect(store.acquire(RUN, STEP, 'worker-b', TTL)).resolves.toMatchObject({ type: 'held', lease: { owner: 'worker-a' } });
      }),
    );

    it(
      "takes over a lease expired by the store's clock as the next attempt, keeping renders and earlier calls",
      withStore(async (store, pass) => {
        const first = await acquired(store, 'worker-a', SHORT_TTL);
        await store.record(RUN, STEP, first, { renders: [render('ctpl_a_v1')], usage: usage(2) });
        await pass(SHORT_TTL + 50);
        const second = await acquired(store, 'worker-b');
        expect(second).toMatchObject({ owner: 'worker-b', attempt: 2, storedRenders: [render('ctpl_a_v1')], usageByAttempt: { '1': usage(2) } });
        // The run's first attempt start survives the take-over: a re-drive reuses only PNGs stored since then.
        expect(second.firstClaimedAt?.getTime()).toBe(first.claimedAt.getTime());
        expect(second.claimedAt.getTime()).toBeGreaterThan(first.claimedAt.getTime());
      }),
    );

    it(
      "records one render per template (the latest wins) and this attempt's usage, only for the lease's owner and attempt",
      withStore(async (store, pass) => {
        const first = await acquired(store, 'worker-a', SHORT_TTL);
        await pass(SHORT_TTL + 50);
        const second = await acquired(store, 'worker-b');
        await expect(store.record(RUN, STEP, first, { renders: [render('ctpl_x_v1')], usage: usage(9) })).resolves.toEqual({ type: 'lost' });
        await expect(store.record(RUN, STEP, second, { renders: [render('ctpl_a_v1')] })).resolves.toEqual({ type: 'written' });
        await store.record(RUN, STEP, second, { renders: [render('ctpl_b_v1')], usage: usage(1) });
        await store.record(RUN, STEP, second, { renders: [render('ctpl_a_v1', '2025-12-15T10:27:00Z')], usage: usage(3) });
        const lease = await store.get(RUN, STEP);
        expect(lease?.storedRenders).toEqual([render('ctpl_b_v1'), render('ctpl_a_v1', '2025-12-15T10:27:00Z')]);
        expect(lease?.usageByAttempt).toEqual({ '2': usage(3) });
      }),
    );

    it(
      'renews for the owner and attempt only: another owner, a stale attempt or a missing lease is lost',
      withStore(async (store, pass) => {
        const first = await acquired(store, 'worker-a', SHORT_TTL);
        await pass(SHORT_TTL + 50);
        const second = await acquired(store, 'worker-a', SHORT_TTL);
        expect(second.attempt).toBe(2);
        await expect(store.renew(RUN, STEP, first, TTL)).resolves.toEqual({ type: 'lost' });
        await expect(store.renew(RUN, STEP, { owner: 'worker-b', attempt: 2 }, TTL)).resolves.toEqual({ type: 'lost' });
        await expect(store.renew(RUN, 'no-such-step', second, TTL)).resolves.toEqual({ type: 'lost' });
        await expect(store.renew(RUN, STEP, second, TTL)).resolves.toEqual({ type: 'written' });
        const renewed = await store.get(RUN, STEP);
        expect((renewed?.expiresAt.getTime() ?? 0) - second.expiresAt.getTime()).toBeGreaterThan(TTL - SHORT_TTL - 1);
        await pass(SHORT_TTL + 50);
        await expect(store.acquire(RUN, STEP, 'worker-c', TTL)).resolves.toMatchObject({ type: 'held' });
      }),
    );

    it(
      'releases only its own lease; a released lease starts again at attempt 1',
      withStore(async (store) => {
        const lease = await acquired(store, 'worker-a');
        await expect(store.release(RUN, STEP, { owner: 'worker-b', attempt: 1 })).resolves.toEqual({ type: 'lost' });
        await expect(store.release(RUN, STEP, lease)).resolves.toEqual({ type: 'written' });
        await expect(store.get(RUN, STEP)).resolves.toBeUndefined();
        await expect(acquired(store, 'worker-b')).resolves.toMatchObject({ attempt: 1 });
      }),
    );

    it(
      'lists the leases expired by its own clock, oldest first, at most limit',
      withStore(async (store, pass) => {
        await acquired(store, 'w', SHORT_TTL + 100, 'step-late');
        await acquired(store, 'w', SHORT_TTL, 'step-early');
        await acquired(store, 'w', TTL, 'step-live');
        await pass(SHORT_TTL + 200);
        const expired = await store.listExpired(10);
        expect(expired.map((lease) => lease.stepId)).toEqual(['step-early', 'step-late']);
        expect((await store.listExpired(1)).length).toBe(1);
        await expect(store.listExpired(0)).resolves.toEqual([]);
      }),
    );

    it(
      'closes a lease whoever holds it',
      withStore(async (store) => {
        await acquired(store, 'worker-a');
        await store.close(RUN, STEP);
        await expect(store.get(RUN, STEP)).resolves.toBeUndefined();
      }),
    );

    it(
      'hands out copies: changing a returned lease does not change the store',
      withStore(async (store) => {
        const lease = await acquired(store, 'worker-a');
        const expiresAt = lease.expiresAt.getTime();
        lease.expiresAt.setTime(0);
        const again = await store.get(RUN, STEP);
        expect(again?.expiresAt.getTime()).toBe(expiresAt);
      }),
    );
  });
}
