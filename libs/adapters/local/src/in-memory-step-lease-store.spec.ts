import { beforeEach, describe, expect, it } from '@jest/globals';
import type { StoredRender } from '@worker-chart-export/domain';
import { InMemoryStepLeaseStore } from './in-memory-step-lease-store.js';

const RUN = '20251215-102530_BTCUSDT_k3f7a';
const STEP = 'charts:1h:all_templates';
const T0 = new Date('2025-12-15T10:26:12Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const render = (chartTemplateId: string, generatedAt = '2025-12-15T10:26:12Z'): StoredRender => ({
  chartTemplateId,
  objectPath: `charts/${RUN}/${STEP}/20251215-102612_BTCUSDT_1h_${chartTemplateId}.png`,
  generatedAt,
  kind: 'price + MA12/26 + Volume',
});

describe('InMemoryStepLeaseStore', () => {
  let store: InMemoryStepLeaseStore;

  beforeEach(() => {
    store = new InMemoryStepLeaseStore();
  });

  const acquired = async (runId: string, stepId: string, owner: string, now: Date, ttlMs: number) => {
    const result = await store.acquire(runId, stepId, owner, now, ttlMs);
    if (result.type !== 'acquired') throw new Error(`lease held by ${result.lease.owner}`);
    return result.lease;
  };

  it('reports a live lease of another owner as held', async () => {
    await acquired(RUN, STEP, 'worker-a', T0, 60_000);
    await expect(store.acquire(RUN, STEP, 'worker-b', at(30), 60_000)).resolves.toMatchObject({ type: 'held', lease: { owner: 'worker-a' } });
  });

  it('acquires attempt 1 owned by the caller, expiring ttl after now, with nothing stored', async () => {
    const lease = await acquired(RUN, STEP, 'worker-a', T0, 60_000);

    expect(lease).toEqual({ runId: RUN, stepId: STEP, owner: 'worker-a', attempt: 1, claimedAt: T0, expiresAt: at(60), storedRenders: [] });
    await expect(store.get(RUN, STEP)).resolves.toEqual(lease);
  });

  it('takes over an expired lease as the next attempt, keeping the renders already stored', async () => {
    await acquired(RUN, STEP, 'worker-a', T0, 60_000);
    await store.recordRender(RUN, STEP, render('ctpl_a_v1'));

    const lease = await acquired(RUN, STEP, 'worker-b', at(120), 60_000);

    expect(lease).toMatchObject({ owner: 'worker-b', attempt: 2, claimedAt: at(120), storedRenders: [render('ctpl_a_v1')] });
  });

  it('records one render per template, the latest winning', async () => {
    await acquired(RUN, STEP, 'worker-a', T0, 60_000);

    await store.recordRender(RUN, STEP, render('ctpl_a_v1'));
    await store.recordRender(RUN, STEP, render('ctpl_b_v1'));
    await store.recordRender(RUN, STEP, render('ctpl_a_v1', '2025-12-15T10:27:00Z'));

    const lease = await store.get(RUN, STEP);
    expect(lease?.storedRenders).toEqual([render('ctpl_b_v1'), render('ctpl_a_v1', '2025-12-15T10:27:00Z')]);
  });

  it('rejects a render for a step without a lease', async () => {
    await expect(store.recordRender(RUN, STEP, render('ctpl_a_v1'))).rejects.toThrow(`no lease for step ${STEP} of run ${RUN}`);
  });

  it('renews the expiry for the owner and refuses anyone else', async () => {
    await acquired(RUN, STEP, 'worker-a', T0, 60_000);

    await store.renew(RUN, STEP, 'worker-a', at(300));
    await expect(store.renew(RUN, STEP, 'worker-b', at(900))).rejects.toThrow('owned by worker-a, not worker-b');

    await expect(store.get(RUN, STEP)).resolves.toMatchObject({ expiresAt: at(300) });
  });

  it('lists leases expired before now, oldest first, at most limit', async () => {
    await acquired(RUN, 'step-late', 'w', T0, 30_000);
    await acquired(RUN, 'step-early', 'w', T0, 10_000);
    await acquired(RUN, 'step-live', 'w', T0, 600_000);
    await acquired(RUN, 'step-exact', 'w', T0, 60_000);

    const expired = await store.listExpired(at(60), 10);

    expect(expired.map((l) => l.stepId)).toEqual(['step-early', 'step-late']);
    await expect(store.listExpired(at(60), 1)).resolves.toHaveLength(1);
  });

  it('forgets a closed lease, so the next open is attempt 1 again', async () => {
    await acquired(RUN, STEP, 'worker-a', T0, 60_000);

    await store.close(RUN, STEP);

    await expect(store.get(RUN, STEP)).resolves.toBeUndefined();
    await expect(acquired(RUN, STEP, 'worker-a', T0, 60_000)).resolves.toMatchObject({ attempt: 1 });
  });

  it('hands out copies: changing a returned lease does not change the store', async () => {
    const lease = await acquired(RUN, STEP, 'worker-a', T0, 60_000);

    lease.expiresAt.setTime(0);

    await expect(store.get(RUN, STEP)).resolves.toMatchObject({ expiresAt: at(60) });
  });
});
