import { expect, it } from '@jest/globals';
import type { StoredRender } from '@worker-chart-export/domain';
import { RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { describeWithFirestoreEmulator, useEmulatorFirestore } from './testing/index.js';
import { FirestoreStepLeaseStore } from './firestore-step-lease-store.js';
import { leaseDocumentId } from './lease-document-id.js';

const T0 = new Date('2025-12-15T10:26:12.000Z');
const TTL = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

function aRender(chartTemplateId: string, overrides: Partial<StoredRender> = {}): StoredRender {
  return {
    chartTemplateId,
    objectPath: `charts/${RUN_ID}/${STEP_ID}/20251215-102612_BTCUSDT_1M_${chartTemplateId}.png`,
    generatedAt: '2025-12-15T10:26:12Z',
    kind: `price + ${chartTemplateId}`,
    ...overrides,
  };
}

describeWithFirestoreEmulator('FirestoreStepLeaseStore', () => {
  const emulator = useEmulatorFirestore('step-lease-store');
  const store = () => new FirestoreStepLeaseStore(emulator.db());
  const acquired = async (runId: string, stepId: string, owner: string, now: Date, ttlMs: number) => {
    const result = await store().acquire(runId, stepId, owner, now, ttlMs);
    if (result.type !== 'acquired') throw new Error(`lease held by ${result.lease.owner}`);
    return result.lease;
  };

  it('reports a live lease of another owner as held, and lets exactly one of 10 concurrent workers take a lease', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store().acquire(RUN_ID, STEP_ID, `worker-${i}`, T0, TTL)),
    );
    const winners = results.filter((r) => r.type === 'acquired');
    expect(winners).toHaveLength(1);
    const held = await store().acquire(RUN_ID, STEP_ID, 'late-worker', at(1_000), TTL);
    expect(held).toMatchObject({ type: 'held', lease: { owner: winners[0]?.lease.owner, attempt: 1 } });
  });

  it('acquires attempt 1, stored under chart_export_leases/{runId}__{stepId}', async () => {
    const lease = await acquired(RUN_ID, STEP_ID, 'worker-a', T0, TTL);

    expect(lease).toEqual({
      runId: RUN_ID,
      stepId: STEP_ID,
      owner: 'worker-a',
      attempt: 1,
      claimedAt: T0,
      expiresAt: at(TTL),
      storedRenders: [],
    });
    const snapshot = await emulator.db().collection('chart_export_leases').doc(`${RUN_ID}__charts%3A1M%3Actpl_price_ma1226_vol_v1`).get();
    expect(snapshot.get('owner')).toBe('worker-a');
    await expect(store().get(RUN_ID, STEP_ID)).resolves.toEqual(lease);
  });

  it('takes over an expired lease as the next attempt, keeping the renders already stored', async () => {
    await acquired(RUN_ID, STEP_ID, 'worker-a', T0, TTL);
    await store().recordRender(RUN_ID, STEP_ID, aRender('ctpl_a'));

    const lease = await acquired(RUN_ID, STEP_ID, 'worker-b', at(TTL * 2), TTL);

    expect(lease).toMatchObject({ owner: 'worker-b', attempt: 2, claimedAt: at(TTL * 2), storedRenders: [aRender('ctpl_a')] });
    await expect(store().get(RUN_ID, STEP_ID)).resolves.toEqual(lease);
  });

  it('records renders once per chartTemplateId, the latest one winning', async () => {
    await acquired(RUN_ID, STEP_ID, 'worker-a', T0, TTL);

    await store().recordRender(RUN_ID, STEP_ID, aRender('ctpl_a'));
    await store().recordRender(RUN_ID, STEP_ID, aRender('ctpl_b'));
    await store().recordRender(RUN_ID, STEP_ID, aRender('ctpl_a'));
    await store().recordRender(RUN_ID, STEP_ID, aRender('ctpl_b', { generatedAt: '2025-12-15T10:30:00Z' }));

    const lease = await store().get(RUN_ID, STEP_ID);
    expect(lease?.storedRenders).toEqual([aRender('ctpl_a'), aRender('ctpl_b', { generatedAt: '2025-12-15T10:30:00Z' })]);
  });

  it('keeps every render recorded concurrently', async () => {
    await acquired(RUN_ID, STEP_ID, 'worker-a', T0, TTL);
    const ids = ['ctpl_1', 'ctpl_2', 'ctpl_3', 'ctpl_4', 'ctpl_5'];

    await Promise.all(ids.map((id) => store().recordRender(RUN_ID, STEP_ID, aRender(id))));

    const stored = (await store().get(RUN_ID, STEP_ID))?.storedRenders.map((render) => render.chartTemplateId);
    expect([...(stored ?? [])].sort()).toEqual(ids);
  });

  it('refuses to record a render or renew without a lease', async () => {
    await expect(store().recordRender(RUN_ID, STEP_ID, aRender('ctpl_a'))).rejects.toMatchObject({
      name: 'StepLeaseError',
      reason: 'not-found',
    });
    await expect(store().renew(RUN_ID, STEP_ID, 'worker-a', at(TTL))).rejects.toThrow(`no lease for step ${STEP_ID}`);
  });

  it('renews only for the owner', async () => {
    await acquired(RUN_ID, STEP_ID, 'worker-a', T0, TTL);

    await store().renew(RUN_ID, STEP_ID, 'worker-a', at(5 * TTL));
    await expect(store().renew(RUN_ID, STEP_ID, 'worker-b', at(9 * TTL))).rejects.toThrow(
      `lease of step ${STEP_ID} of run ${RUN_ID} is owned by worker-a, not worker-b: cannot renew`,
    );
    await expect(store().get(RUN_ID, STEP_ID)).resolves.toMatchObject({ expiresAt: at(5 * TTL) });
  });

  it('lists leases that expired before now, oldest first, up to the limit', async () => {
    await acquired(RUN_ID, 'charts:late', 'w', at(30_000), TTL);
    await acquired(RUN_ID, 'charts:early', 'w', at(0), TTL);
    await acquired(RUN_ID, 'charts:middle', 'w', at(10_000), TTL);
    await acquired(RUN_ID, 'charts:alive', 'w', at(120_000), TTL);
    const now = at(TTL + 60_000);

    const expired = await store().listExpired(now, 10);
    const limited = await store().listExpired(now, 2);

    expect(expired.map((lease) => lease.stepId)).toEqual(['charts:early', 'charts:middle', 'charts:late']);
    expect(limited.map((lease) => lease.stepId)).toEqual(['charts:early', 'charts:middle']);
    await expect(store().listExpired(at(TTL), 10)).resolves.toEqual([]);
  });

  it('closes a lease', async () => {
    await acquired(RUN_ID, STEP_ID, 'worker-a', T0, TTL);

    await store().close(RUN_ID, STEP_ID);

    await expect(store().get(RUN_ID, STEP_ID)).resolves.toBeUndefined();
    await expect(store().listExpired(at(10 * TTL), 10)).resolves.toEqual([]);
  });

  it('keeps ids with a slash apart from other paths', async () => {
    await acquired(RUN_ID, 'a/b', 'worker-a', T0, TTL);

    await expect(store().get(RUN_ID, 'a/b')).resolves.toMatchObject({ stepId: 'a/b' });
    expect(leaseDocumentId(RUN_ID, 'a/b')).toBe(`${RUN_ID}__a%2Fb`);
  });
});
